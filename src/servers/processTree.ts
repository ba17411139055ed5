// Servers are spawned as process-group leaders (detached), so one signal to the group reaches tsx's
// children too, even after they are reparented; pidtree also catches a descendant that left the group.
import type { ChildProcess } from 'node:child_process';
import pidtree from 'pidtree';

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export async function descendantsOf(pid: number): Promise<number[]> {
  return pidtree(pid).catch(() => []);
}

/** Signals the group led by `pid`, the leader itself and the given descendants. Synchronous. */
export function signalTree(pid: number, signal: NodeJS.Signals, descendants: number[] = []): void {
  send(-pid, signal);
  send(pid, signal);
  for (const d of descendants) send(d, signal);
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the child exits, or after `ms` (then false). */
export function waitForExit(child: ChildProcess, ms = Infinity): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(() => { child.off('exit', done); resolve(false); }, ms) : undefined;
    function done(): void {
      clearTimeout(timer);
      resolve(true);
    }
    child.once('exit', done);
  });
}

/** SIGTERM to the tree, SIGKILL after `graceMs`; afterwards nothing of the tree is left. */
export async function stopTree(child: ChildProcess, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const descendants = await descendantsOf(pid);
  if (!hasExited(child)) {
    signalTree(pid, signal, descendants);
    if (!await waitForExit(child, graceMs)) signalTree(pid, 'SIGKILL', descendants);
    await waitForExit(child);
  }
  // Stragglers the leader left behind (it may exit before its children do).
  send(-pid, 'SIGKILL');
  for (const d of descendants) send(d, 'SIGKILL');
}
