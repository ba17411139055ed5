// Temp folders named after the process that made them: `mcpj-<kind>-<pid>-XXXXXX`. A SIGKILLed owner
// removes nothing, so the next run reaps every such folder whose owner is gone, as stackDirs.ts does for
// stack folders. A live owner's folders, and names of any other shape, are never touched.
import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from '../common/cacheDir.js';
import { isAlive } from './alive.js';

/** What makes temp folders: scratch repositories, the report command's Allure config, PostgreSQL's
 * cluster parents and its initdb scratch. */
export type OwnedDirKind = 'scratch' | 'allure' | 'pg' | 'pg-init';

const OWNED = /^mcpj-(scratch|allure|pg|pg-init)-(\d+)-[^-]+$/;
/** A template being staged in the cache (embeddedPostgres.ts), renamed into place when complete. */
const STAGED = /^pg-template-(\d+)$/;
const SHM = '/dev/shm';

function prefix(kind: OwnedDirKind, root: string): string {
  return path.join(root, `mcpj-${kind}-${process.pid}-`);
}

export function createOwnedDir(kind: OwnedDirKind, root = os.tmpdir()): Promise<string> {
  return mkdtemp(prefix(kind, root));
}

export function createOwnedDirSync(kind: OwnedDirKind, root = os.tmpdir()): string {
  return mkdtempSync(prefix(kind, root));
}

/** A PostgreSQL whose data directory is in `dir` and whose owner died unrecorded is stopped first. */
function killPostmasterIn(dir: string): void {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8'), 10);
    if (!Number.isInteger(pid) || pid <= 0 || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return;
  } catch {
    return;
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
}

async function reapIn(root: string, pattern: RegExp, pidGroup: number): Promise<number> {
  const names = await readdir(root).catch(() => [] as string[]);
  let reaped = 0;
  for (const name of names) {
    const match = pattern.exec(name);
    const owner = Number.parseInt(match?.[pidGroup] ?? '', 10);
    if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || isAlive(owner)) continue;
    const dir = path.join(root, name);
    if (match?.[1] === 'pg') killPostmasterIn(dir);
    await rm(dir, { recursive: true, force: true });
    reaped++;
  }
  return reaped;
}

/** Removes the owned temp folders (and staged templates) of processes that are gone. Returns how many.
 * Run PostgreSQL's own reaper (postgresRecords.ts) first: it stops recorded clusters gracefully. */
export async function reapOrphanedDirs(roots: string[] = [os.tmpdir(), SHM, ...(process.env['MCP_JOURNEYS_PG_TMPDIR'] ? [process.env['MCP_JOURNEYS_PG_TMPDIR']] : [])]): Promise<number> {
  const counts = await Promise.all([
    ...[...new Set(roots)].map((root) => reapIn(root, OWNED, 2)),
    reapIn(cacheDir, STAGED, 1),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
