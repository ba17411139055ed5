// The load the load benches drive (bench/load.ts, bench/loadScale.ts): N sessions, each with its own MCP
// sessions to both reference servers, calling list_projects, search_code and a search that fails
// validation, then thinking. Driven once by a load journey through the runner (`npx playwright test`, its
// Load Test Result) and once by bare SDK clients, the same calls on the same schedule: the sessions start
// evenly over the ramp-up and stop at its end plus the duration.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpConfig } from '../src/mcp/index.js';
import { LatencyHistogram } from '../src/report/perf/histogram.js';
import type { LoadTestResult } from '../src/report/perf/types.js';
import { runJourneys } from '../test/support/inline.js';

export interface LoadShape {
  sessions: number;
  rampUpMs: number;
  /** After the ramp-up. */
  durationMs: number;
  thinkMs: number;
}

/** Calls counted from `fromMs` to `toMs` after the load's start: the load window, or its steady part. */
export interface CountWindow {
  fromMs: number;
  toMs: number;
}

export interface Measured {
  calls: number;
  failed: number;
  elapsedMs: number;
  p95Ms: number;
  examples?: string[];
}

/** The servers' entries as a `.mcp.json` and as bare clients need them (the embedded stack's, by URL). */
export type ServerUrls = Record<string, { type: 'http' | 'sse'; url: string; tools?: string[] }>;

export function serverUrls(config: McpConfig): ServerUrls {
  const urls: ServerUrls = {};
  for (const s of Object.values(config.servers)) {
    if (s.url && s.type !== 'stdio') urls[s.name] = { type: s.type, url: s.url, ...(s.tools ? { tools: s.tools } : {}) };
  }
  return urls;
}

const seconds = (ms: number): string => `${ms / 1000}s`;

export const loadJourney = (shape: LoadShape, id: number): string => `test_id: 9c4d2e71-3b5a-4f08-a6e1-7d20b8c5${String(id % 10_000).padStart(4, '0')}
test_name: Runner load at ${shape.sessions} sessions
description: Load for the load benches.
servers_required: [codebase-mcp, workflow-mcp]
timeout: ${seconds(shape.rampUpMs + shape.durationMs + 180_000)}
load: { profile: normal, sessions: ${shape.sessions}, ramp_up: ${seconds(shape.rampUpMs)}, duration: ${seconds(shape.durationMs)}, think_time: ${shape.thinkMs}ms }
test_steps:
  - call: workflow-mcp.list_projects
    args: { limit: 5 }
    expect: { result: { $.limit: 5 } }
  - call: codebase-mcp.search_code
    args: { query: checkout total, limit: 5 }
    expect: { result: { $.results: { type: array } } }
  - call: codebase-mcp.search_code
    args: { query: "" }
    expect: { error: Search query cannot be empty }
`;

/** The load through the runner: its Load Test Result. `onSpawn` gets the runner's pid (a process group). */
export async function runnerLoad(servers: ServerUrls, shape: LoadShape, onSpawn?: (pid: number) => void): Promise<LoadTestResult> {
  const dir = mkdtempSync(join(os.tmpdir(), 'mcpj-bench-load-'));
  try {
        const run = await runJourneys({
      files: { [`bench/load-${shape.sessions}.journey.yaml`]: loadJourney(shape, shape.sessions) }, mcpConfig: { mcpServers: servers },
      env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, 'results'), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines') },
      args: ['--workers=1', '--reporter=line'], timeoutMs: shape.rampUpMs + shape.durationMs + 240_000,
      ...(onSpawn ? { onSpawn } : {}),
    });
    const file = readdirSync(join(dir, 'results')).find((f) => f.startsWith('load-'));
    if (!file) throw new Error(`the runner wrote no load result (exit ${String(run.exitCode)}):\n${run.output.slice(-2000)}`);
    return JSON.parse(readFileSync(join(dir, 'results', file), 'utf8')) as LoadTestResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls started within the window, from the result's time series (1 s windows from the load's start,
 * before any session connects), as counted for the bare clients. */
export function runnerMeasured(result: LoadTestResult, window: CountWindow): Measured {
  const calls = result.time_series.filter((p) => p.elapsed_ms >= window.fromMs && p.elapsed_ms < window.toMs).reduce((n, p) => n + p.requests, 0);
  return { calls, failed: result.failed_requests, elapsedMs: window.toMs - window.fromMs, p95Ms: result.p95_latency_ms };
}

/** Bare clients have no deadline of their own for a stream that never opens or a close that never ends. */
const CONNECT_MS = 30_000;
const CALL_MS = 30_000;
const CLOSE_MS = 5000;

function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no end within ${ms} ms`)), ms); });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function connect(entry: ServerUrls[string] | undefined): Promise<Client> {
  if (!entry) throw new Error('a reference server is missing');
  const client = new Client({ name: 'claude-code', version: '1.0.0' });
  const url = new URL(entry.url);
  try {
    await within(client.connect(entry.type === 'sse' ? new SSEClientTransport(url) : new StreamableHTTPClientTransport(url)), CONNECT_MS, `connecting to ${entry.url}`);
    // As Claude Code (and the runner's session) does at start-up.
    await within(client.listTools(), CONNECT_MS, `listing the tools of ${entry.url}`);
    return client;
  } catch (e) {
    await within(client.close(), CLOSE_MS, 'closing').catch(() => undefined);
    throw e;
  }
}

interface BareRun {
  servers: ServerUrls;
  shape: LoadShape;
  window: CountWindow;
  /** performance.now() at the load's start. */
  start: number;
  histogram: LatencyHistogram;
  counts: { calls: number; failed: number };
  /** The first few failures, as said. */
  examples: string[];
}

async function bareSession(run: BareRun, index: number): Promise<void> {
  const { shape, start, counts } = run;
  await sleep((index / shape.sessions) * shape.rampUpMs);
  const end = start + shape.rampUpMs + shape.durationMs;
  const connected = await Promise.allSettled([connect(run.servers['workflow-mcp']), connect(run.servers['codebase-mcp'])]);
  const [workflow, codebase] = connected.map((c) => (c.status === 'fulfilled' ? c.value : undefined));
  if (!workflow || !codebase) {
    // As the runner's session fails its calls when a server cannot be reached: counted, not fatal.
    counts.failed++;
    const reason: unknown = connected.find((c): c is PromiseRejectedResult => c.status === 'rejected')?.reason;
    if (run.examples.length < 3) run.examples.push(`connecting failed: ${reason instanceof Error ? `${reason.message}${reason.cause instanceof Error ? ` (${reason.cause.message})` : ''}` : String(reason)}`);
    await within(Promise.allSettled([workflow?.close(), codebase?.close()]), CLOSE_MS, 'closing').catch(() => undefined);
    return;
  }
  const calls: [Client, string, Record<string, unknown>, boolean][] = [
    [workflow, 'list_projects', { limit: 5 }, false], [codebase, 'search_code', { query: 'checkout total', limit: 5 }, false], [codebase, 'search_code', { query: '' }, true],
  ];
  try {
    while (performance.now() < end) {
      for (const [client, name, args, wantError] of calls) {
        const t0 = performance.now();
        const result = await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_MS }).catch((e: unknown) => {
          if (run.examples.length < 3) run.examples.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        });
        run.histogram.record(performance.now() - t0);
        if (t0 - start >= run.window.fromMs && t0 - start < run.window.toMs) counts.calls++;
        if (result === undefined || (result.isError === true) !== wantError) counts.failed++;
      }
      const think = Math.min(shape.thinkMs, end - performance.now());
      if (think > 0) await sleep(think);
    }
  } finally {
    await within(Promise.allSettled([workflow.close(), codebase.close()]), CLOSE_MS, 'closing').catch(() => undefined);
  }
}

/** The load by bare SDK clients in this process, from now. */
export async function bareLoad(servers: ServerUrls, shape: LoadShape, window: CountWindow): Promise<Measured> {
  const run: BareRun = { servers, shape, window, start: performance.now(), histogram: LatencyHistogram.empty(), counts: { calls: 0, failed: 0 }, examples: [] };
  await Promise.all(Array.from({ length: shape.sessions }, (_, i) => bareSession(run, i)));
  return { ...run.counts, elapsedMs: window.toMs - window.fromMs, p95Ms: run.histogram.percentile(95), examples: run.examples };
}

export const rate = (m: Measured): number => (m.calls / m.elapsedMs) * 1000;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
