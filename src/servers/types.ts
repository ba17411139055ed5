// The embedded stack's public contract: what the run stage and the CLI see of PostgreSQL, the reference
// servers and the links between them.

export type ManagedServerName = 'codebase-mcp' | 'workflow-mcp';

export interface ExtraInstanceResult {
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  /** Milliseconds until exit, or until the instance reported ready (then it was stopped). */
  elapsedMs: number;
  ready: boolean;
}

export interface ManagedServer {
  name: ManagedServerName;
  /** Port the process itself listens on (clients normally reach it through its proxy). */
  port: number;
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
}

export interface RunningStack {
  /** Variables that expand the default `.mcp.json` (e.g. CODEBASE_MCP_PORT) to this stack's addresses. */
  env: Record<string, string>;
  /** Named PostgreSQL connections for `sql` steps: `codebase-mcp`, `workflow-mcp` → admin URL of the
   * cluster (direct, never through a fault proxy). */
  databases: Record<string, string>;
  servers: Record<ManagedServerName, ManagedServer>;
  /** Base URL of the Toxiproxy API that controls this stack's links, once faults are wired in. */
  toxiproxyUrl?: string;
  /** Measured start-up, for the report and the benchmark. */
  timings: { postgresMs: number; serversMs: number; totalMs: number };
  /** Stops servers, proxies and PostgreSQL and removes data directories. Idempotent, never throws. */
  stop(): Promise<void>;
}
