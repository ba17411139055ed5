// Pieces of bench/servers.ts: MCP clients straight from the SDK, latency samples and percentiles, bare pg
// access for the same-run baselines, and the table the bench prints.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pg from 'pg';
import type { Database } from '../fixtures/servers/shared/db/sql.js';

/** Search phrases over the large repository's vocabulary (fixtures/generators/largeRepo.ts). */
const NOUNS = ['account', 'invoice', 'order', 'payment', 'session', 'token', 'cart', 'product', 'shipment', 'customer'];
const VERBS = ['create', 'update', 'validate', 'archive', 'compute', 'fetch', 'sync', 'render', 'approve', 'cancel'];
export const QUERIES = NOUNS.flatMap((n, i) => VERBS.map((v, j) => ((i + j) % 3 === 0 ? `${v} ${n} record` : `${v} ${n}`)));

export async function connect(baseUrl: string): Promise<Client> {
  const client = new Client({ name: 'bench-servers', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)));
  return client;
}

export interface Outcome { isError: boolean; text: string }

export async function call(client: Client, name: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<Outcome> {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs });
  const content = Array.isArray(result.content) ? result.content as unknown[] : [];
  const first = content[0];
  const text = typeof first === 'object' && first !== null && 'text' in first && typeof first.text === 'string' ? first.text : '';
  return { isError: result.isError === true, text };
}

/** A successful call's JSON result; a tool error ends the bench, since every figure after it would be wrong. */
export async function ok<T>(client: Client, name: string, args: Record<string, unknown> = {}, timeoutMs?: number): Promise<T> {
  const outcome = await call(client, name, args, timeoutMs);
  if (outcome.isError) throw new Error(`${name}: ${outcome.text}`);
  return JSON.parse(outcome.text) as T;
}

export async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Runs `workers` loops of `perWorker` timed calls at once; returns every call's latency in ms. */
export async function concurrently(workers: number, perWorker: number, action: (worker: number, i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; i < perWorker; i++) samples.push(await timed(() => action(w, i)));
  }));
  return samples;
}

/** Several ways of doing the same work, measured in alternating blocks (order reversed every other round) so each
 * sees the same machine load; with 2 cores shared, load swings within seconds. Returns the samples per way. */
export async function alternating(rounds: number, workers: number, perBlock: number,
  ways: ((worker: number, i: number) => Promise<unknown>)[]): Promise<number[][]> {
  const samples = ways.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    const order = ways.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) {
      const way = ways[k];
      if (way) samples[k]?.push(...await concurrently(workers, perBlock, (w, i) => way(w, round * perBlock + i)));
    }
  }
  return samples;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const p95 = (samples: number[]): number => percentile(samples, 95);

/** A pg pool seen through the servers' own Database interface, so the baseline runs the tool's exact SQL. */
export function bareDatabase(url: string, max = 10): Database & { end(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max });
  return {
    query: async (text, values) => pool.query(text, values),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface Figure {
  operation: string;
  value: number;
  unit: 'ms' | 's' | 'errors';
  goal: number;
  /** The seed's target; undefined where the seed sets none. */
  seed?: number;
  baseline?: { name: string; value: number };
  /** A no-op tool call on the same server under the same concurrency: the MCP round trip without the tool's work. */
  floor?: number;
  /** Errors are met at ≤ goal; times at < goal. */
  inclusive?: boolean;
  note?: string;
}

const show = (value: number, unit: Figure['unit']): string =>
  unit === 'errors' ? String(value) : unit === 's' ? `${value.toFixed(2)} s` : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const met = (value: number, target: number, inclusive: boolean): string => (inclusive ? value <= target : value < target) ? 'met' : 'NOT MET';

export function printTable(figures: Figure[]): void {
  const rows = [['operation', 'measured', 'stand-in goal', '', 'seed target', '', 'baseline (same run)', 'ratio', '× no-op call']];
  for (const f of figures) {
    const op = f.unit === 'errors' ? '≤' : '<';
    rows.push([
      f.operation, show(f.value, f.unit),
      `${op} ${show(f.goal, f.unit)}`, met(f.value, f.goal, f.inclusive === true),
      f.seed === undefined ? '—' : `${op} ${show(f.seed, f.unit)}`, f.seed === undefined ? '' : met(f.value, f.seed, f.inclusive === true),
      f.baseline ? `${f.baseline.name} ${show(f.baseline.value, f.unit)}` : '—',
      f.baseline && f.baseline.value > 0 ? `${(f.value / f.baseline.value).toFixed(2)}×` : '—',
      f.floor ? `${(f.value / f.floor).toFixed(2)}× (${show(f.floor, f.unit)})` : '—',
    ]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd());
  for (const f of figures) if (f.note) console.log(`  ${f.operation}: ${f.note}`);
}
