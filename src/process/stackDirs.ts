// Each stack keeps its ready files and the pids of its servers in a temp folder named after its owner
// process. When the owner is SIGKILLed nothing can clean up, so the next stack reaps folders whose
// owner is gone, with the server processes recorded in them.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './alive.js';
import { killTree } from './tree.js';

const PREFIX = 'mcp-journeys-stack-';

export async function createStackDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}

export async function recordPid(file: string, pid: number): Promise<void> {
  await writeFile(file, String(pid));
}

export async function forgetPid(file: string): Promise<void> {
  await unlink(file).catch(() => undefined);
}

/** Only a process started for this stack carries its folder in MCP_READY_FILE: a recycled pid does not. */
function belongsTo(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').some((v) => v.startsWith(`MCP_READY_FILE=${dir}${path.sep}`));
  } catch {
    return false;
  }
}

async function reapDir(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.pid'))) {
    const pid = Number.parseInt(await readFile(path.join(dir, name), 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !belongsTo(pid, dir)) continue;
    await killTree(pid, 'SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
}

/** Kills the servers of stacks whose owner process died and removes their folders. Returns how many. */
export async function reapOrphanedStacks(): Promise<number> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  let reaped = 0;
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const owner = Number.parseInt(name.slice(PREFIX.length), 10);
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    await reapDir(path.join(os.tmpdir(), name));
    reaped++;
  }
  return reaped;
}
