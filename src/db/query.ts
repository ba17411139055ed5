// `sql` steps: bound parameters only (never string-built SQL), pools per named connection and database.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { messageOf } from '../common/messageOf.js';

export interface SqlRequest {
  connection: string;
  /** Another database on the connection's cluster (the URL's path is replaced). */
  database?: string;
  query: string;
  params: unknown[];
}

export type SqlOutcome =
  | { kind: 'ok'; value: { rows: Record<string, unknown>[]; rowCount: number }; latencyMs: number }
  /** The database answered with an error (a SQLSTATE): something a journey may expect. */
  | { kind: 'error'; message: string; sqlState: string; latencyMs: number }
  /** No answer: connection refused, reset, unknown connection name. */
  | { kind: 'unavailable'; message: string; latencyMs: number };

export interface SqlClient {
  query(request: SqlRequest): Promise<SqlOutcome>;
  /** Ends every pool; never throws. */
  close(): Promise<void>;
}

const POOL_MAX = 4;

function urlFor(base: string, database: string | undefined): string {
  if (database === undefined) return base;
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** `connections` maps names (e.g. `workflow-mcp`) to PostgreSQL URLs. */
export function createSqlClient(connections: Readonly<Record<string, string>>): SqlClient {
  const pools = new Map<string, pg.Pool>();
  const poolFor = (url: string): pg.Pool => {
    let pool = pools.get(url);
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: POOL_MAX, connectionTimeoutMillis: 10_000 });
      // An idle client losing its server (a database outage in a journey) must not crash the worker.
      pool.on('error', () => undefined);
      pools.set(url, pool);
    }
    return pool;
  };
  return {
    async query(request) {
      const start = performance.now();
      const base = connections[request.connection];
      if (base === undefined) {
        const known = Object.keys(connections).join(', ') || 'none';
        return { kind: 'unavailable', message: `no database connection named "${request.connection}" (known: ${known})`, latencyMs: 0 };
      }
      try {
        const result = await poolFor(urlFor(base, request.database)).query({ text: request.query, values: request.params });
        const rows = result.rows as Record<string, unknown>[];
        return { kind: 'ok', value: { rows, rowCount: result.rowCount ?? rows.length }, latencyMs: performance.now() - start };
      } catch (e) {
        const latencyMs = performance.now() - start;
        const message = messageOf(e);
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { kind: 'error', message: `${code}: ${message}`, sqlState: code, latencyMs };
        return { kind: 'unavailable', message: `${request.connection}: ${message}`, latencyMs };
      }
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.allSettled(all.map((p) => p.end()));
    },
  };
}
