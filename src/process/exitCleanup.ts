// Child processes this process owns (PostgreSQL clusters, reference servers) must not outlive it.
// On SIGINT/SIGTERM/SIGHUP every registered cleanup runs, newest first; then, if nobody else listens
// for the signal, it is raised again so the process still ends the way it would have without us.
// At 'exit' (including process.exit) only synchronous work is possible, so each cleanup's kill() runs.

export interface ExitCleanup {
  /** Orderly stop, awaited when a signal arrives. */
  stop(): Promise<void>;
  /** Last resort at process exit: synchronous only. */
  kill(): void;
  /** Signals that run stop() (default all three). A Playwright worker leaves SIGINT out: Playwright
   * ignores Ctrl-C there and tears the fixtures down itself, teardown steps first. */
  signals?: readonly NodeJS.Signals[];
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** A signal handler must not hang the process forever behind a stuck cleanup. */
const SIGNAL_CLEANUP_LIMIT_MS = 20_000;

const entries = new Set<ExitCleanup>();
let installed = false;
let stopping: Promise<void> | undefined;

function newestFirst(): ExitCleanup[] {
  return [...entries].reverse();
}

function killAll(): void {
  for (const entry of newestFirst()) {
    try {
      entry.kill();
    } catch {
      // Nothing useful can be done about a failure while the process is exiting.
    }
  }
}

async function stopAll(signal: NodeJS.Signals): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), SIGNAL_CLEANUP_LIMIT_MS); });
  const work = (async () => {
    for (const entry of newestFirst()) if (!entry.signals || entry.signals.includes(signal)) await entry.stop().catch(() => undefined);
  })();
  if (await Promise.race([work, limit]) === 'late') killAll();
  clearTimeout(timer);
}

/** Whether anyone but us handles the signal, judged when it arrives: a handler may detach itself. */
function othersHandle(signal: NodeJS.Signals): boolean {
  return process.listeners(signal).some((listener) => listener !== onSignal);
}

function reraise(signal: NodeJS.Signals): void {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  installed = false;
  process.kill(process.pid, signal);
}

function onSignal(signal: NodeJS.Signals): void {
  const handled = othersHandle(signal);
  if (stopping) {
    // A second Ctrl-C while cleaning up: the user wants out now.
    killAll();
    if (!handled) reraise(signal);
    return;
  }
  stopping = stopAll(signal).finally(() => {
    stopping = undefined;
    if (!handled) reraise(signal);
  });
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

process.on('exit', killAll);

/** Registers a cleanup until the returned function is called. */
export function registerExitCleanup(cleanup: ExitCleanup): () => void {
  install();
  entries.add(cleanup);
  return () => { entries.delete(cleanup); };
}

/** Blocks the thread; only for the synchronous exit path, where nothing else can run anyway. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
