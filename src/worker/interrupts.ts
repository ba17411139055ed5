// Ctrl-C reaches the workers too (the terminal signals the whole process group). Playwright's worker
// ignores it and waits for the runner's stop message, which ends the test at once and leaves the
// teardown to the fixture, under "After Hooks", where the JSON reporter never looks. Heard here first,
// it lets each journey start its teardown inside the test, as after a failure.
const listeners = new Set<() => void>();
let installed = false;

function interrupt(): void {
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` on SIGINT until the returned function is called. */
export function onInterrupt(listener: () => void): () => void {
  if (!installed) {
    process.on('SIGINT', interrupt);
    installed = true;
  }
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
