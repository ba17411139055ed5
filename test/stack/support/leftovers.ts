// What a stack leaves behind, checked the hard way: /proc for processes, a connect attempt for ports,
// the file system for folders.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pidtree from 'pidtree';
import { isAlive } from '../../../src/process/alive.js';
import { cacheDir } from '../../../src/common/cacheDir.js';
import type { RunningStack } from '../../../src/servers/types.js';

export interface Footprint {
  pids: number[];
  ports: number[];
  dirs: string[];
}

/** Everything the running stack consists of: its processes (with descendants), ports and folders. */
export async function footprint(stack: RunningStack): Promise<Footprint> {
  const roots = [stack.postgres?.pid(), ...Object.values(stack.servers).map((s) => s.pid)]
    .filter((p): p is number => p !== undefined);
  const pids = [...roots, ...(await Promise.all(roots.map((p) => pidtree(p)))).flat()];
  const ports = [...(stack.postgres ? [Number(new URL(stack.postgres.url).port)] : []), ...Object.values(stack.servers).map((s) => s.port)];
  return { pids, ports, dirs: [stack.dir, ...(stack.postgres ? [path.dirname(stack.postgres.dataDir)] : [])] };
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** What is still there; processes get a moment, since a killed process is reaped asynchronously. */
export async function remaining(f: Footprint): Promise<Footprint> {
  for (let i = 0; i < 50 && f.pids.some(isAlive); i++) await sleep(100);
  const open = await Promise.all(f.ports.map((p) => portOpen(p)));
  return { pids: f.pids.filter(isAlive), ports: f.ports.filter((_p, i) => open[i]), dirs: f.dirs.filter((d) => existsSync(d)) };
}

export const nothing: Footprint = { pids: [], ports: [], dirs: [] };

/** Stack folders and PostgreSQL records that process `pid` still owns. */
export async function ownedBy(pid: number): Promise<string[]> {
  const dirs = (await readdir(os.tmpdir())).filter((n) => n.startsWith(`mcp-journeys-stack-${pid}-`));
  const records = await readdir(path.join(cacheDir, 'pg-records')).catch(() => [] as string[]);
  const mine = [];
  for (const r of records) {
    const text = await readFile(path.join(cacheDir, 'pg-records', r), 'utf8').catch(() => '{}');
    if ((JSON.parse(text) as { ownerPid?: number }).ownerPid === pid) mine.push(r);
  }
  return [...dirs, ...mine];
}
