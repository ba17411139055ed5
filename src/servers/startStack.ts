// The embedded stack: one PostgreSQL cluster and both reference servers on their own ports, wired to
// each other and to the database through links (direct by default, fault proxies later).
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { messageOf } from '../common/messageOf.js';
import { startPostgres, type RunningPostgres } from '../db/embeddedPostgres.js';
import { registerExitCleanup } from '../process/exitCleanup.js';
import { reapOrphanedPostgres } from '../process/postgresRecords.js';
import { createStackDir, reapOrphanedStacks } from '../process/stackDirs.js';
import { bundledEntry } from './bundle.js';
import { directLinks } from './directLinks.js';
import { ProcessServer } from './managedServer.js';
import { envPrefix } from './serverProcess.js';
import type { HostPort, LinkProvider, ManagedServerName, RunningStack } from './types.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAMES = ['codebase-mcp', 'workflow-mcp'] as const satisfies readonly ManagedServerName[];
/** The other server each one calls (codebase-mcp asks workflow-mcp for the active project). */
const PEER: Record<ManagedServerName, ManagedServerName> = { 'codebase-mcp': 'workflow-mcp', 'workflow-mcp': 'codebase-mcp' };
/** fixtures/mcp.json reaches the servers at this host; only the ports are variables. */
const CLIENT_HOST = '127.0.0.1';

export interface StackOptions {
  /** Fixed ports (e.g. 8020 / 8010 for `stack up`); free ports when absent or 0. */
  ports?: Partial<Record<ManagedServerName, number>>;
  /** What stands between clients, servers and the database; direct when absent. Closed by stop(). */
  links?: LinkProvider;
  /** Extra environment for both servers (e.g. POOL_MAX_SIZE), then per server. */
  env?: Record<string, string>;
  serverEnv?: Partial<Record<ManagedServerName, Record<string, string>>>;
  /** Programs to run instead of the reference servers (same process contract), e.g. a test stand-in. */
  entries?: Partial<Record<ManagedServerName, { entry: string; args?: string[] }>>;
  /** `bundle` (default): run each server from a cached single-file bundle of its sources, rebuilt when
   * they change (4× faster start-up); `tsx`: `node --import tsx <entry>` as-is. The environment
   * variable MCP_JOURNEYS_SERVER_LAUNCH=tsx chooses tsx too (e.g. for source stack traces). */
  launch?: 'bundle' | 'tsx';
  /** Per server start-up deadline (default 30 s). */
  startTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace when stopping a server (default 10 s). */
  stopGraceMs?: number;
  /** Server output (`[name] line`) and stack events. */
  log?: (line: string) => void;
  /** A server ended while it was meant to be up. */
  onUnexpectedExit?: (server: ManagedServerName, message: string) => void;
}

const since = (start: number): number => Math.round(performance.now() - start);
const baseUrl = (a: HostPort): string => `http://${a.host}:${a.port}`;

function databaseUrl(pg: RunningPostgres, via: HostPort): string {
  const url = new URL(pg.url('postgres'));
  url.hostname = via.host;
  url.port = String(via.port);
  return url.toString();
}

async function clientLink(links: LinkProvider, name: ManagedServerName, port: number): Promise<HostPort> {
  const address = await links.link(name, { host: '127.0.0.1', port });
  if (address.host !== CLIENT_HOST) {
    throw new Error(`link '${name}' listens on ${address.host}; clients expect ${CLIENT_HOST} (fixtures/mcp.json varies only the port)`);
  }
  return address;
}

/** Bundles for the entries (undefined: run that one with tsx), built while PostgreSQL starts. */
function prepareBundles(entries: string[], options: StackOptions, log: (line: string) => void): Promise<(string | undefined)[]> {
  const launch = options.launch ?? (process.env['MCP_JOURNEYS_SERVER_LAUNCH'] === 'tsx' ? 'tsx' : 'bundle');
  if (launch === 'tsx') return Promise.resolve(entries.map(() => undefined));
  return Promise.all(entries.map((entry) => bundledEntry(entry, projectRoot).catch((e: unknown) => {
    // tsx will show the same problem where it belongs: in the server's own start-up output.
    log(`[stack] cannot bundle ${path.relative(projectRoot, entry)}, starting it with tsx: ${messageOf(e)}`);
    return undefined;
  })));
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const started = performance.now();
  let postgresMs = 0;
  const log = options.log ?? (() => undefined);
  await Promise.all([reapOrphanedPostgres(), reapOrphanedStacks()]);
  const links = options.links ?? directLinks();
  const servers: ProcessServer[] = [];
  let stopping: Promise<void> | undefined;
  const report = (what: string) => (e: unknown) => log(`[stack] ${what} failed: ${messageOf(e)}`);

  const entries = NAMES.map((name) => options.entries?.[name]?.entry ?? path.join(projectRoot, 'fixtures/servers', name, 'main.ts'));
  const pgStarted = performance.now();
  const [pg, bundles] = await Promise.all([
    startPostgres({ log: (line) => log(`[postgres] ${line.trimEnd()}`) }).then((started) => {
      postgresMs = since(pgStarted);
      return started;
    }),
    prepareBundles(entries, options, log),
  ]);
  const dir = await createStackDir().catch(async (e: unknown) => {
    await pg.stop();
    throw e;
  });
  const stop = (): Promise<void> => stopping ??= (async () => {
    await Promise.all(servers.map((s) => s.dispose().catch(report(`stopping ${s.name}`))));
    await links.close().catch(report('closing links'));
    await pg.stop().catch(report('stopping PostgreSQL'));
    await rm(dir, { recursive: true, force: true }).catch(report(`removing ${dir}`));
    unregister();
  })();
  // Registered after PostgreSQL's own cleanup, so on a signal it runs first: servers stop before
  // their database goes away.
  const unregister = registerExitCleanup({
    stop,
    kill: () => {
      for (const s of servers) s.killNow();
      rmSync(dir, { recursive: true, force: true });
    },
  });

  try {
    const ports = await Promise.all(NAMES.map(async (name) => options.ports?.[name] || getPort({ host: '127.0.0.1' })));
    const portOf = (name: ManagedServerName): number => ports[NAMES.indexOf(name)] ?? 0;
    const client = {} as Record<ManagedServerName, HostPort>;
    const db = {} as Record<ManagedServerName, HostPort>;
    for (const name of NAMES) {
      db[name] = await links.link(`${name}.db`, { host: pg.host, port: pg.port });
      client[name] = await clientLink(links, name, portOf(name));
    }
    for (const [i, name] of NAMES.entries()) {
      const prefix = envPrefix(name);
      servers.push(new ProcessServer({
        name,
        entry: entries[i] ?? '',
        bundle: bundles[i],
        args: options.entries?.[name]?.args ?? [],
        cwd: projectRoot,
        env: {
          [`${prefix}_HOST`]: '127.0.0.1',
          [`${prefix}_DATABASE_URL`]: databaseUrl(pg, db[name]),
          [`${envPrefix(PEER[name])}_URL`]: baseUrl(client[PEER[name]]),
          ...options.env,
          ...options.serverEnv?.[name],
        },
        port: portOf(name),
        url: baseUrl(client[name]),
        dir,
        startTimeoutMs: options.startTimeoutMs ?? 30_000,
        stopGraceMs: options.stopGraceMs ?? 10_000,
        log: (server, line) => log(`[${server}] ${line}`),
        onUnexpectedExit: options.onUnexpectedExit,
      }));
    }
    const serversStarted = performance.now();
    const results = await Promise.allSettled(servers.map((s) => s.start()));
    const failures = results.flatMap((r): unknown[] => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      throw new Error(failures.map((f) => (messageOf(f))).join('\n'));
    }
    const serversMs = since(serversStarted);
    const [codebase, workflow] = servers;
    if (!codebase || !workflow) throw new Error('stack: servers missing');
    return {
      env: { CODEBASE_MCP_PORT: String(client['codebase-mcp'].port), WORKFLOW_MCP_PORT: String(client['workflow-mcp'].port) },
      databases: { 'codebase-mcp': pg.url('postgres'), 'workflow-mcp': pg.url('postgres') },
      servers: { 'codebase-mcp': codebase, 'workflow-mcp': workflow },
      toxiproxyUrl: links.apiUrl,
      proxies: links.proxies,
      postgres: { url: pg.url('postgres'), pid: () => pg.pid(), dataDir: pg.dataDir },
      dir,
      timings: { postgresMs, serversMs, totalMs: since(started) },
      get stopping() { return stopping !== undefined; },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
