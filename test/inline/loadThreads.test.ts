// Load sessions in worker threads: the same load played in two threads and on the journey's worker makes
// the same calls with the same outcomes, closes every session it opened, and still runs teardown and
// writes the report. A bad MCP_JOURNEYS_LOAD_THREADS or MCP_JOURNEYS_SEGMENT fails the load saying what
// it wants (golden/runtime/load-env.txt).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { checkResult } from '../../src/report/perf/readResult.js';
import type { LoadTestResult } from '../../src/report/perf/types.js';
import { runJourneys } from '../support/inline.js';
import type { AllureStep, InlineRun } from '../support/inline.js';
import { limitServerPath, startTestServer } from '../support/servers/spawn.js';
import type { RunningServer } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

const GOLDEN = fileURLToPath(new URL('../golden/runtime/load-env.txt', import.meta.url));
const SESSIONS = 10;
const ITERATIONS = 3;

const journey = `test_id: 2b7d4e19-6c3a-4f58-8e0d-9a1c5b3e7f21
test_name: Ten sessions, three iterations
description: A load with a known number of calls.
servers_required: [limit]
load: { profile: normal, sessions: ${SESSIONS}, ramp_up: 0s, iterations: ${ITERATIONS}, think_time: 100ms, thresholds: { error_rate: 0 } }
test_steps:
  - call: limit.work
    args: { ms: 2 }
    expect: { outcome: ok }
  - call: limit.refuse
    expect: { error: refused }
teardown_steps:
  - name: Still answering after the load
    call: limit.work
    args: { ms: 1 }
`;

interface Stats { open_sessions: number; sessions_opened: number }

let dir: string;
let server: RunningServer;
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcpj-threads-'));
  server = await startTestServer({ transport: 'http', script: limitServerPath, args: ['--limit', '1000'] });
});
test.afterEach(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function play(env: Record<string, string>, name: string): Promise<InlineRun> {
  return runJourneys({
    files: { 'load/t.journey.yaml': journey },
    mcpConfig: { mcpServers: { limit: { type: 'http', url: server.url, tools: ['work', 'refuse'] } } },
    env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, name), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines'), ...env },
    args: ['--workers=1'],
  });
}

function loadResult(name: string): LoadTestResult {
  const files = readdirSync(join(dir, name)).filter((f) => f.startsWith('load-'));
  expect(files).toHaveLength(1);
  const checked = checkResult(JSON.parse(readFileSync(join(dir, name, files[0] ?? ''), 'utf8')));
  expect(checked.problems).toEqual([]);
  return checked.result as LoadTestResult;
}

const stepNames = (steps: readonly AllureStep[]): string[] => steps.flatMap((s) => [s.name, ...stepNames(s.steps)]);

test('a load played in two threads makes the calls it makes on the worker, and closes every session', async () => {
  const counts: Record<string, LoadTestResult> = {};
  for (const [name, threads] of [['threads', '2'], ['worker', '0']] as const) {
    const run = await play({ MCP_JOURNEYS_LOAD_THREADS: threads }, name);
    expect(run.exitCode, run.output).toBe(0);
    const steps = stepNames(run.allureResults[0]?.steps ?? []);
    const title = `Load: ${SESSIONS} sessions, normal profile, ${ITERATIONS} iterations each`;
    expect(steps).toContain(threads === '0' ? title : `${title}, in 2 threads`);
    expect(steps).toContain('Still answering after the load');
    counts[name] = loadResult(name);
    const stats = await (await fetch(new URL('/stats', server.url))).json() as Stats;
    expect(stats.open_sessions).toBe(0);
  }
  for (const result of Object.values(counts)) {
    expect(result).toMatchObject({ total_requests: SESSIONS * ITERATIONS * 2, failed_requests: 0, concurrent_clients: SESSIONS });
    expect(result.time_series.reduce((n, p) => n + p.requests, 0)).toBe(SESSIONS * ITERATIONS * 2);
  }
});

test('a bad MCP_JOURNEYS_LOAD_THREADS or MCP_JOURNEYS_SEGMENT fails the load saying what it wants', async () => {
  const said: string[] = [];
  const envs: Record<string, string>[] = [{ MCP_JOURNEYS_LOAD_THREADS: 'many' }, { MCP_JOURNEYS_LOAD_THREADS: '-1' }, { MCP_JOURNEYS_SEGMENT: '3/2' }, { MCP_JOURNEYS_SEGMENT: 'half' }];
  for (const env of envs) {
    const run = await play(env, 'bad');
    expect(run.exitCode, run.output).toBe(1);
    const line = run.output.split('\n').map((l) => l.trim()).find((l) => l.startsWith('Error: MCP_JOURNEYS_'));
    expect(line, run.output).toBeDefined();
    said.push(`${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}\n  ${line ?? ''}\n`);
  }
  const text = said.join('');
  if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
});
