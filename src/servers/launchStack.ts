// A stack from data: the MCP configuration and its stack definition. PostgreSQL when a server wants a
// database, every launched server on its own port, and every link (client, database, peer) through the
// link provider, so faults reach any of them. stdio servers are reached through a relay host that
// spawns their command per connection, as their client would.
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import getPort from 'get-port';
import { messageOf } from '../common/messageOf.js';
import { missingPackageMessage } from '../common/optionalPackage.js';
import { startPostgres } from '../db/embeddedPostgres.js';
import { ensureDatabase } from '../db/ensureDatabase.js';
import { checkStack } from '../mcp/launchPlan.js';
import type { Env } from '../mcp/mcpConfig.js';
import { expandTemplate, type ServerLaunch, type StackDefinition } from '../mcp/stackDefinition.js';
import type { McpConfig, ServerEntry } from '../mcp/types.js';
import { registerExitCleanup } from '../process/exitCleanup.js';
import { reapOrphanedPostgres } from '../process/postgresRecords.js';
import { createStackDir, reapOrphanedStacks } from '../process/stackDirs.js';
import { missingStackPackages, prepareBundles, type LaunchMode } from './bundle.js';
import { directLinks } from './directLinks.js';
import { ProcessServer } from './managedServer.js';
import type { Program } from './serverProcess.js';
import { StdioHost } from './stdioHost.js';
import type { HostPort, LinkProvider, ManagedServer, RunningStack } from './types.js';

export interface LaunchOptions {
  /** What stands between clients, servers and the database; direct when absent. Closed by stop(). */
  links?: LinkProvider;
  /** Fixed ports by server (e.g. for `stack up`); else the definition's, else free ones. */
  ports?: Record<string, number | undefined>;
  /** Extra environment for every launched server, then per server (over the definition's). */
  env?: Record<string, string>;
  serverEnv?: Record<string, Record<string, string> | undefined>;
  /** Node entries to run instead of the definition's program (same process contract), e.g. a test stand-in. */
  entries?: Record<string, { entry: string; args?: string[] } | undefined>;
  /** `bundle` (default) or `tsx` for `node` programs; see bundle.ts. */
  launch?: LaunchMode;
  /** Overrides every server's start-up deadline and stop grace. */
  startTimeoutMs?: number;
  stopGraceMs?: number;
  /** Expands `${VAR}` in the definition (default process.env). */
  processEnv?: Env;
  log?: (line: string) => void;
  onUnexpectedExit?: (server: string, message: string) => void;
  /** Signals that stop the stack at once (default SIGINT, SIGTERM, SIGHUP); see process/exitCleanup.ts. */
  signals?: readonly NodeJS.Signals[];
}

interface OwnedServer extends ManagedServer {
  dispose(): Promise<void>;
  killNow(): void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const since = (start: number): number => Math.round(performance.now() - start);
const baseUrl = (a: HostPort): string => `http://${a.host}:${a.port}`;

function withPort(url: string, port: number): string {
  const out = new URL(url);
  out.port = String(port);
  return out.toString();
}

function withAddress(url: string, via: HostPort): string {
  const out = new URL(url);
  out.hostname = via.host;
  out.port = String(via.port);
  return out.toString();
}

function withDatabase(url: string, database: string): string {
  const out = new URL(url);
  out.pathname = `/${database}`;
  return out.toString();
}

/** A plain-http URL on this machine: a TCP proxy in front of it keeps it working (TLS would not). */
function proxiable(entry: ServerEntry): HostPort | undefined {
  if (entry.type === 'stdio' || !entry.url) return undefined;
  const url = new URL(entry.url);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) return undefined;
  return { host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
}

/** `${database_url}` and its parts, for servers that want another URL form (e.g. postgresql+asyncpg://). */
function databaseParts(url: string | undefined): Record<string, string> {
  if (url === undefined) return {};
  const u = new URL(url);
  return {
    database_url: url, database_host: u.hostname, database_port: u.port || '5432', database_name: u.pathname.slice(1),
    database_user: decodeURIComponent(u.username), database_password: decodeURIComponent(u.password),
  };
}

export async function launchStack(config: McpConfig, definition: StackDefinition | undefined, options: LaunchOptions = {}): Promise<RunningStack> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const env = options.processEnv ?? process.env;
  if (definition) checkStack(config, definition);
  const launches = Object.values(definition?.servers ?? {});
  const programs = launches.filter((l) => l.program);
  const wantsDatabase = launches.some((l) => l.database !== undefined);
  await Promise.all([reapOrphanedPostgres(), reapOrphanedStacks()]);
  const links = options.links ?? directLinks();
  const servers: OwnedServer[] = [];
  let stopping: Promise<void> | undefined;
  let postgresMs = 0;
  const report = (what: string) => (e: unknown) => log(`[stack] ${what} failed: ${messageOf(e)}`);

  const programOf = (l: ServerLaunch): Program | undefined => {
    const override = options.entries?.[l.name];
    return override ? { kind: 'node', entry: override.entry } : l.program;
  };
  const nodeEntries = programs.map((l) => programOf(l)).flatMap((p) => (p?.kind === 'node' ? [p.entry] : []));
  const embeddedPostgres = wantsDatabase && definition?.postgres.kind !== 'url';
  // All the missing packages in one message, before anything starts: one command installs them.
  const missing = missingStackPackages(embeddedPostgres, nodeEntries.length > 0, options.launch);
  if (missing.length > 0) throw new Error(missingPackageMessage(missing, `the stack of ${definition ? path.relative(process.cwd(), definition.source) : 'the MCP configuration'}`));
  const pgStarted = performance.now();
  const [pg, bundles] = await Promise.all([
    embeddedPostgres
      ? startPostgres({ log: (line) => log(`[postgres] ${line.trimEnd()}`) }).then((p) => { postgresMs = since(pgStarted); return p; })
      : Promise.resolve(undefined),
    prepareBundles(nodeEntries, options.launch, log),
  ]);
  const dir = await createStackDir().catch(async (e: unknown) => {
    await pg?.stop();
    throw e;
  });
  const stop = (): Promise<void> => stopping ??= (async () => {
    await Promise.all(servers.map((s) => s.dispose().catch(report(`stopping ${s.name}`))));
    await links.close().catch(report('closing links'));
    await pg?.stop().catch(report('stopping PostgreSQL'));
    await rm(dir, { recursive: true, force: true }).catch(report(`removing ${dir}`));
    unregister();
  })();
  // Registered after PostgreSQL's own cleanup, so on a signal it runs first: servers stop before
  // their database goes away.
  const unregister = registerExitCleanup({
    stop,
    ...(options.signals ? { signals: options.signals } : {}),
    kill: () => {
      for (const s of servers) s.killNow();
      rmSync(dir, { recursive: true, force: true });
    },
  });

  try {
    const clusterUrl = definition?.postgres.kind === 'url' ? definition.postgres.url : pg?.url('postgres');
    if (definition?.postgres.kind === 'url' && !/^postgres(ql)?:\/\//.test(definition.postgres.url)) {
      throw new Error(`${definition.source}: postgres.url: expected a postgres:// URL, found ${JSON.stringify(definition.postgres.url)}`);
    }
    const databases: Record<string, string> = {};
    const databaseVia: Record<string, string> = {};
    for (const l of launches.filter((x) => x.database !== undefined)) {
      if (!clusterUrl) throw new Error(`${l.name} wants a database, and the stack has no PostgreSQL`);
      const cluster = new URL(clusterUrl);
      const name = l.database === true || l.database === undefined ? cluster.pathname.slice(1) || 'postgres' : l.database;
      const direct = withDatabase(clusterUrl, name);
      if (typeof l.database === 'string') await ensureDatabase(clusterUrl, name);
      databases[l.name] = direct;
      const via = await links.link(`${l.name}.db`, { host: cluster.hostname, port: Number(cluster.port || 5432) });
      databaseVia[l.name] = withAddress(direct, via);
    }

    const ports: Record<string, number> = {};
    for (const l of programs) ports[l.name] = options.ports?.[l.name] || l.port || await getPort({ host: '127.0.0.1' });
    const clientLinks: Record<string, HostPort> = {};
    const upstreams: Record<string, HostPort> = {};
    for (const l of programs) upstreams[l.name] = { host: '127.0.0.1', port: ports[l.name] ?? 0 };
    for (const entry of Object.values(config.servers)) {
      const upstream = definition?.servers[entry.name]?.program ? undefined : proxiable(entry);
      if (upstream) upstreams[entry.name] = upstream;
    }
    for (const [name, upstream] of Object.entries(upstreams)) clientLinks[name] = await links.link(name, upstream);
    const serverUrls: Record<string, string> = {};
    for (const [name, address] of Object.entries(clientLinks)) serverUrls[`server_url:${name}`] = baseUrl(address);
    const valuesFor = (name: string, port?: number): Record<string, string> => ({
      ...serverUrls,
      ...(port !== undefined ? { port: String(port) } : {}),
      ...databaseParts(databaseVia[name]),
    });
    const envOf = (l: ServerLaunch | undefined, name: string, port?: number): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(l?.env ?? {})) out[key] = expandTemplate(value, valuesFor(name, port), env, `${definition?.source ?? 'stack'}: servers.${name}.env.${key}`);
      return { ...out, ...options.env, ...options.serverEnv?.[name] };
    };

    let bundleAt = 0;
    for (const l of programs) {
      const program = programOf(l);
      if (!program) continue;
      const bundle = program.kind === 'node' ? bundles[bundleAt++] : undefined;
      const args = options.entries?.[l.name]?.args ?? l.args;
      servers.push(new ProcessServer({
        name: l.name,
        program: program.kind === 'node' ? { ...program, ...(bundle ? { bundle } : {}) } : program,
        args: args.map((a) => expandTemplate(a, valuesFor(l.name, ports[l.name]), env, `servers.${l.name}.args`)),
        cwd: l.cwd,
        ready: l.ready,
        envFor: (port) => envOf(l, l.name, port),
        port: ports[l.name] ?? 0,
        url: baseUrl(clientLinks[l.name] ?? { host: '127.0.0.1', port: ports[l.name] ?? 0 }),
        dir,
        startTimeoutMs: options.startTimeoutMs ?? l.startTimeoutMs,
        stopGraceMs: options.stopGraceMs ?? l.stopGraceMs,
        log: (server, line) => log(`[${server}] ${line}`),
        onUnexpectedExit: options.onUnexpectedExit,
      }));
    }
    const relays: Record<string, HostPort & { stderr: () => string[] }> = {};
    const hosts: Record<string, HostPort & { stderr: () => string[]; attach: () => Duplex }> = {};
    for (const entry of Object.values(config.servers).filter((e) => e.type === 'stdio')) {
      const l = definition?.servers[entry.name];
      const host = new StdioHost({
        name: entry.name,
        command: entry.command ?? '',
        args: entry.args ?? [],
        ...(entry.cwd ? { cwd: entry.cwd } : {}),
        env: { ...entry.env, ...envOf(l, entry.name) },
        dir,
        stopGraceMs: options.stopGraceMs ?? l?.stopGraceMs ?? 2000,
        log: (line) => log(`[${entry.name}] ${line}`),
      });
      servers.push(Object.assign(host, { dispose: () => host.close(), perConnection: true }));
      const own = { ...await host.listen(), stderr: () => host.stderr(10), attach: () => host.attach() };
      hosts[entry.name] = own;
      relays[entry.name] = { ...await links.link(entry.name, own), stderr: own.stderr };
    }

    const serversStarted = performance.now();
    const results = await Promise.allSettled(servers.filter((s) => s instanceof ProcessServer).map((s) => s.start()));
    const failures = results.flatMap((r): unknown[] => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) throw new Error(failures.map((f) => messageOf(f)).join('\n'));
    const serversMs = since(serversStarted);

    const entries: Record<string, ServerEntry> = {};
    for (const [name, entry] of Object.entries(config.servers)) {
      const relay = relays[name];
      const link = clientLinks[name];
      const host = hosts[name];
      const upstream = upstreams[name];
      if (relay) entries[name] = { ...entry, relay, ...(links.ownProxies && host ? { unproxied: { relay: host } } : {}) };
      else if (link && entry.url) {
        // The host as configured (a server may know itself as localhost, e.g. in its OAuth metadata); the
        // port the server listens on, which a launched one may have been given.
        const unproxied = links.ownProxies && upstream ? { unproxied: { url: withPort(entry.url, upstream.port) } } : {};
        entries[name] = { ...entry, url: withAddress(entry.url, link), configuredUrl: entry.url, ...unproxied };
      } else entries[name] = entry;
    }
    const byName: Record<string, ManagedServer> = {};
    for (const s of servers) byName[s.name] = s;
    const db = pg;
    return {
      mcpConfig: { source: config.source, servers: entries },
      databases,
      servers: byName,
      server(name) {
        const found = byName[name];
        if (!found) throw new Error(`'${name}' is not a launched server (launched: ${Object.keys(byName).join(', ') || 'none'})`);
        return found;
      },
      toxiproxyUrl: links.apiUrl,
      proxies: links.proxies,
      ...(db ? { postgres: { url: db.url('postgres'), pid: () => db.pid(), dataDir: db.dataDir } } : {}),
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
