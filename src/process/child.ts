// Stopping a child we spawned as a process-group leader (detached): one signal to the group reaches
// its children too, even after they are reparented, and a snapshot of the tree catches a descendant
// that left the group.
import type { ChildProcess } from 'node:child_process';
import { descendantsOf, send, signalTree } from './tree.js';

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
