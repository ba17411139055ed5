// Two questions about a pid, asked in different places on purpose.
import { readFileSync } from 'node:fs';

/** True while a process with this pid runs. A zombie (dead, not yet reaped by its parent: our own
 * children while the event loop is blocked) counts as gone, and so does nothing; one we may not
 * signal (another user's) still runs. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'EPERM')) return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** True while we can signal the pid. A process of ours is never another user's: when the pid answers
 * EPERM it was recycled, so the owner or the leftover we are after is gone. */
export function signallable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
