// A stdio server is often a launcher (npx, tsx, a shell) with the real server as a grandchild; the SDK
// only signals its direct child, so the session snapshots the tree first and reaps what outlives close.
import pidtree from 'pidtree';

export async function processTree(pid: number): Promise<number[]> {
  try {
    return await pidtree(pid);
  } catch {
    return [];
  }
}

export async function killLeftovers(pids: readonly number[]): Promise<void> {
  let alive = pids.filter(isAlive);
  if (alive.length === 0) return;
  for (const pid of alive) signal(pid, 'SIGTERM');
  for (let waited = 0; waited < 1000 && alive.length > 0; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(isAlive);
  }
  for (const pid of alive) signal(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
