// A running stack's public contract: what the run stage and the CLI see of PostgreSQL, the launched
// servers and the links between them.
import type { McpConfig } from '../mcp/types.js';

export interface ExtraInstanceResult {
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  /** Milliseconds until exit, or until the instance reported ready (then it was stopped). */
  elapsedMs: number;
  ready: boolean;
}

export interface ManagedServer {
  name: string;
  /** Port the process itself listens on (clients normally reach it through its proxy). */
  port: number;
  /** Base URL clients reach it at (through its link), e.g. `http://127.0.0.1:8020`; stable across restarts. */
  url: string;
  pid: number | undefined;
  running: boolean;
  /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** Start on the same port and wait until ready. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** SIGKILL, no grace. */
  kill(): Promise<void>;
  /** Start another instance with overrides (e.g. a port already in use) and report how it ended. */
  startExtra(options: { port?: number; env?: Record<string, string>; timeoutMs?: number }): Promise<ExtraInstanceResult>;
  /** A stdio server: one process per client connection (through the relay host), so its pid changes
   * with every session and says nothing about crashes. */
  perConnection?: boolean;
  /** The last lines the process wrote (stderr and stdout, across restarts), for failure messages. */
  stderr(lines?: number): string[];
}

export interface HostPort {
  host: string;
  port: number;
}

/** A link is named after what it reaches: `<server>` for its client link (a peer server reaches it
 * through the same link), `<server>.db` for its database. */
export type LinkName = string;

/** Puts something (a fault proxy) between a client and a target. The default is a direct link: the
 * target's own address. */
export interface LinkProvider {
  /** Returns the address to use instead of `upstream`; called once per link, before servers start. */
  link(name: LinkName, upstream: HostPort): Promise<HostPort>;
  /** Removes every link; called when the stack stops, after the servers stopped. */
  close(): Promise<void>;
  /** Base URL of the API that controls the links (Toxiproxy), if any. */
  apiUrl?: string;
  /** The links are proxies nothing outside this process can fault (the embedded Toxiproxy). */
  ownProxies?: boolean;
  /** Toxiproxy proxy name of each link made so far, when the links are proxies. */
  proxies?: Partial<Record<LinkName, string>>;
}

export interface RunningStack {
  /** The MCP configuration as clients use it on this stack: every client link through its proxy, and
   * stdio servers through the relay (`relay`). */
  mcpConfig: McpConfig;
  /** Named PostgreSQL connections for `sql` steps: each server with a database → its URL (direct, never
   * through a fault proxy). */
  databases: Record<string, string>;
  /** The servers the runner launched (stdio servers through their relay host), by name. */
  servers: Record<string, ManagedServer>;
  /** The launched server of that name; throws naming the launched ones when there is none. */
  server(name: string): ManagedServer;
  /** Base URL of the Toxiproxy API that controls this stack's links, once faults are wired in. */
  toxiproxyUrl?: string;
  /** The Toxiproxy proxy behind each link (journeys name links; a shared Toxiproxy may prefix proxies). */
  proxies?: Partial<Record<LinkName, string>>;
  /** The embedded PostgreSQL cluster behind the servers (direct address), when the stack started one. */
  postgres?: { url: string; pid(): number | undefined; dataDir: string };
  /** The stack's temp folder (ready files, pids); removed by stop(). */
  dir: string;
  /** Measured start-up, for the report and the benchmark. */
  timings: { postgresMs: number; serversMs: number; totalMs: number };
  /** True once stop() has begun (called, or run by the exit cleanup on a signal): nothing may start now. */
  readonly stopping: boolean;
  /** Stops servers, proxies and PostgreSQL and removes data directories. Idempotent, never throws. */
  stop(): Promise<void>;
}
