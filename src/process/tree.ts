// Process trees. A launcher (npx, tsx, a shell) often runs the real program as a grandchild, and a
// leader that exits first leaves its children reparented to init, where no parent link finds them:
// so trees are snapshotted (pidtree) while the leader still runs and the snapshot is signalled later.
// A tree whose leader still runs can be killed as it stands (tree-kill).
import pidtree from 'pidtree';
import treeKill from 'tree-kill';
import { signallable } from './alive.js';

/** Sends a signal if the process is still there. */
export function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Every descendant of `pid` now; none when it is gone. */
export async function descendantsOf(pid: number): Promise<number[]> {
  return pidtree(pid).catch(() => []);
}

/** Signals the group led by `pid`, the leader itself and the given descendants. Synchronous. */
export function signalTree(pid: number, signal: NodeJS.Signals, descendants: readonly number[] = []): void {
  send(-pid, signal);
  send(pid, signal);
  for (const d of descendants) send(d, signal);
}

/** Signals the group led by `pid` and the tree below it as it stands now. Never rejects. */
export async function killTree(pid: number, signal: NodeJS.Signals): Promise<void> {
  send(-pid, signal);
  await new Promise<void>((resolve) => treeKill(pid, signal, () => resolve()));
}

/** SIGTERM to the given pids (a snapshot), SIGKILL to those still there a second later. */
export async function killLeftovers(pids: readonly number[]): Promise<void> {
  let alive = pids.filter(signallable);
  if (alive.length === 0) return;
  for (const pid of alive) send(pid, 'SIGTERM');
  for (let waited = 0; waited < 1000 && alive.length > 0; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(signallable);
  }
  for (const pid of alive) send(pid, 'SIGKILL');
}
