// Ctrl-C (or any stop of the run): Playwright's runner sends its workers `__stop__`, and the worker
// ends the running test at once, leaving the teardown to the fixture, under "After Hooks", which the JSON
// reporter never shows. Held back here until each running journey has opened its teardown step inside
// the test (bounded), the message then goes on to Playwright as before. Playwright is pinned
// (test/unit/pinnedVersions.test.ts); should the message change, stops simply pass straight through.
const listeners = new Set<() => Promise<void>>();
let installed = false;
/** A teardown that cannot even begin does not hold up the stop for longer. */
const HOLD_MS = 5000;

function isStop(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { method?: unknown }).method === '__stop__';
}

async function interruptAll(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => { timer = setTimeout(resolve, HOLD_MS); });
  await Promise.race([Promise.allSettled([...listeners].map((listener) => listener())), bound]);
  clearTimeout(timer);
}

function install(): void {
  installed = true;
  // Not a worker of Playwright's (no IPC channel): nothing stops it by message.
  if (!process.send) return;
  const theirs = process.listeners('message');
  process.removeAllListeners('message');
  process.on('message', (message: unknown, handle: Parameters<NodeJS.MessageListener>[1]) => {
    const forward = (): void => { for (const listener of theirs) listener.call(process, message, handle); };
    if (isStop(message) && listeners.size > 0) void interruptAll().then(forward);
    else forward();
  });
}

/** `listener` runs when the run is stopped, before Playwright ends the test; the stop waits (up to
 * HOLD_MS) for the promise it returns. Until the returned function is called. */
export function onInterrupt(listener: () => Promise<void>): () => void {
  if (!installed) install();
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
