// The runner's own load capacity: the same closed-loop load (N sessions, each with its own MCP sessions to
// both reference servers, calling list_projects, search_code and a search that fails validation, no think
// time) driven once by a load journey through the runner (`npx playwright test`, its Load Test Result) and
// once by bare SDK clients in this process, against one embedded stack in the same run. Each round runs
// both sides, alternating which goes first, so both see the same machine; ratios are medians of per-round
// ratios. Capacity is calls started within the load window (connecting included) per second.
//   flock /tmp/bench.lock npx tsx bench/load.ts     (BENCH_LOAD_SECONDS=10, BENCH_LOAD_SESSIONS=50,100, BENCH_LOAD_ROUNDS=3)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpConfig } from '../src/mcp/index.js';
import { LatencyHistogram } from '../src/report/perf/histogram.js';
import type { LoadTestResult } from '../src/report/perf/types.js';
import { startStack } from '../src/servers/startStack.js';
import { runJourneys } from '../test/support/inline.js';

const SECONDS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_LOAD_ROUNDS'] ?? 3);
const LEVELS = (process.env['BENCH_LOAD_SESSIONS'] ?? '50,100').split(',').map(Number);

interface Measured {
  calls: number;
  failed: number;
  elapsedMs: number;
  p95Ms: number;
}

const journey = (sessions: number): string => `test_id: 9c4d2e71-3b5a-4f08-a6e1-7d20b8c5f0${String(sessions % 100).padStart(2, '0')}
test_name: Runner load capacity at ${sessions} sessions
description: Closed-loop load for bench/load.ts.
servers_required: [codebase-mcp, workflow-mcp]
load: { profile: normal, sessions: ${sessions}, ramp_up: 0, duration: ${SECONDS}s, think_time: 0 }
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

async function viaRunner(config: McpConfig, sessions: number): Promise<Measured> {
  const dir = mkdtempSync(join(os.tmpdir(), 'mcpj-bench-load-'));
  try {
    const mcpServers = Object.fromEntries(Object.values(config.servers).map((s) => [s.name, { type: s.type, url: s.url, tools: s.tools }]));
    const run = await runJourneys({
      files: { [`bench/load-${sessions}.journey.yaml`]: journey(sessions) }, mcpConfig: { mcpServers },
      env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, 'results'), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines') },
      args: ['--workers=1', '--reporter=line'], timeoutMs: (SECONDS + 120) * 1000,
    });
    const file = readdirSync(join(dir, 'results')).find((f) => f.startsWith('load-'));
    if (!file) throw new Error(`the runner wrote no load result (exit ${String(run.exitCode)}):\n${run.output.slice(-2000)}`);
    const result = JSON.parse(readFileSync(join(dir, 'results', file), 'utf8')) as LoadTestResult;
    // Calls started within the load window (its time series has 1 s windows from the load's start, before any
    // session connects), as counted for the bare clients.
    const calls = result.time_series.filter((p) => p.elapsed_ms < SECONDS * 1000).reduce((n, p) => n + p.requests, 0);
    return { calls, failed: result.failed_requests, elapsedMs: SECONDS * 1000, p95Ms: result.p95_latency_ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bareSession(config: McpConfig, deadline: number, end: number, histogram: LatencyHistogram, counts: { calls: number; failed: number }): Promise<void> {
  const connect = async (name: string): Promise<Client> => {
    const entry = config.servers[name];
    if (!entry?.url) throw new Error(`${name} has no URL`);
    const client = new Client({ name: 'claude-code', version: '1.0.0' });
    const url = new URL(entry.url);
    await client.connect(entry.type === 'sse' ? new SSEClientTransport(url) : new StreamableHTTPClientTransport(url));
    // As Claude Code (and the runner's session) does at start-up.
    await client.listTools();
    return client;
  };
  const [workflow, codebase] = await Promise.all([connect('workflow-mcp'), connect('codebase-mcp')]);
  const calls: [Client, string, Record<string, unknown>, boolean][] = [
    [workflow, 'list_projects', { limit: 5 }, false], [codebase, 'search_code', { query: 'checkout total', limit: 5 }, false], [codebase, 'search_code', { query: '' }, true],
  ];
  try {
    while (Date.now() < deadline) {
      for (const [client, name, args, wantError] of calls) {
        const t0 = performance.now();
        const result = await client.callTool({ name, arguments: args }).catch(() => undefined);
        histogram.record(performance.now() - t0);
        if (t0 < end) counts.calls++;
        if (result === undefined || (result.isError === true) !== wantError) counts.failed++;
      }
    }
  } finally {
    await Promise.allSettled([workflow.close(), codebase.close()]);
  }
}

async function viaBare(config: McpConfig, sessions: number): Promise<Measured> {
  const histogram = LatencyHistogram.empty();
  const counts = { calls: 0, failed: 0 };
  const end = performance.now() + SECONDS * 1000;
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: sessions }, () => bareSession(config, deadline, end, histogram, counts)));
  return { ...counts, elapsedMs: SECONDS * 1000, p95Ms: histogram.percentile(95) };
}

const rate = (m: Measured): number => (m.calls / m.elapsedMs) * 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function main(): Promise<void> {
  const stack = await startStack();
  try {
    const config = stack.mcpConfig;
    process.stdout.write(`load capacity: runner load mode vs bare SDK clients, ${SECONDS} s per run, ${ROUNDS} rounds (medians), closed loop (loadavg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    process.stdout.write('sessions  runner calls/s  bare calls/s  throughput ratio  runner p95  bare p95  p95 ratio  failed (runner/bare)\n');
    for (const sessions of LEVELS) {
      const runner: Measured[] = [];
      const bare: Measured[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating order, so a drift in the machine's load does not favour one side.
        if (round % 2 === 0) {
          runner.push(await viaRunner(config, sessions));
          bare.push(await viaBare(config, sessions));
        } else {
          bare.push(await viaBare(config, sessions));
          runner.push(await viaRunner(config, sessions));
        }
      }
      const ratios = runner.map((r, i) => rate(r) / rate(bare[i] ?? r));
      const p95Ratios = runner.map((r, i) => r.p95Ms / (bare[i]?.p95Ms ?? r.p95Ms));
      const line = [
        String(sessions).padStart(8), median(runner.map(rate)).toFixed(1).padStart(14), median(bare.map(rate)).toFixed(1).padStart(12), median(ratios).toFixed(3).padStart(16),
        `${median(runner.map((m) => m.p95Ms)).toFixed(1)} ms`.padStart(10), `${median(bare.map((m) => m.p95Ms)).toFixed(1)} ms`.padStart(9), median(p95Ratios).toFixed(3).padStart(9),
        `${runner.reduce((n, m) => n + m.failed, 0)}/${bare.reduce((n, m) => n + m.failed, 0)}`.padStart(20),
        `  per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
      ];
      process.stdout.write(`${line.join('  ')}\n`);
    }
    process.stdout.write(`aim: throughput ratio >= 0.9 (loadavg now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
