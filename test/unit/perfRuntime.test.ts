// The pure parts of the benchmark and load runtime: env overrides, latency budgets turned into p95
// targets, crash detection, and where /health is sampled.
import { test, expect } from '@playwright/test';
import type { BenchmarkPlan, CallStepPlan, LoadSpecPlan, StepPlan } from '../../src/compile/plan.js';
import { fakeSession } from '../support/fakeContext.js';
import { budgetsByTool, withoutBudgets } from '../../src/worker/perf/budgets.js';
import { crashed, healthUrls } from '../../src/worker/perf/loadRun.js';
import { benchmarkWithOverrides, loadWithOverrides } from '../../src/worker/perf/overrides.js';

const at = { file: '/j.journey.yaml', line: 1, column: 1 };

function call(tool: string, maxMs?: number): CallStepPlan {
  return {
    kind: 'call', title: tool, location: at, server: 's', tool, args: {}, save: [],
    expect: { outcome: 'ok', outcomeLocation: at, checks: [], ...(maxMs === undefined ? {} : { latency: { maxMs, location: at } }) },
  };
}

test('env overrides scale a benchmark and a load without editing the journey', () => {
  const bench: BenchmarkPlan = { iterations: 10, warmup: 1, concurrency: 1, location: at };
  expect(benchmarkWithOverrides(bench, { MCP_JOURNEYS_BENCH_ITERATIONS: '200' }).iterations).toBe(200);
  expect(benchmarkWithOverrides(bench, { MCP_JOURNEYS_BENCH_ITERATIONS: '3' }).iterations).toBe(10);
  expect(() => benchmarkWithOverrides(bench, { MCP_JOURNEYS_BENCH_ITERATIONS: 'many' })).toThrow('MCP_JOURNEYS_BENCH_ITERATIONS must be a whole number');
  const load: LoadSpecPlan = { profile: 'normal', sessions: 50, iterations: 2, thinkTimeMs: 0, thresholds: {}, location: at };
  expect(loadWithOverrides(load, {})).toEqual(load);
  const long = loadWithOverrides(load, { MCP_JOURNEYS_LOAD_SESSIONS: '200', MCP_JOURNEYS_LOAD_DURATION: '1m' });
  expect(long).toMatchObject({ sessions: 200, durationMs: 60_000 });
  expect(long.iterations).toBeUndefined();
  const counted = loadWithOverrides({ ...load, durationMs: 5000 }, { MCP_JOURNEYS_LOAD_ITERATIONS: '7' });
  expect(counted.iterations).toBe(7);
  expect('durationMs' in counted).toBe(false);
});

test('latency budgets leave the calls (nested ones too) and become per-tool p95 targets, the tightest winning', () => {
  const steps: StepPlan[] = [
    call('a', 50),
    { kind: 'parallel', title: 'p', location: at, steps: [call('a', 20), call('b', 100)] },
    call('c'),
  ];
  expect([...budgetsByTool(steps)]).toEqual([['s.a', 20], ['s.b', 100]]);
  const stripped = withoutBudgets(steps);
  expect(budgetsByTool(stripped).size).toBe(0);
  expect(stripped[0]).toMatchObject({ tool: 'a', expect: { outcome: 'ok', checks: [] } });
  // The plan itself is untouched: the first pass of a non-benchmark journey still checks budgets.
  expect(budgetsByTool(steps).size).toBe(2);
});

test('a server whose process is gone or was replaced during the load crashed; unmanaged ones are not judged', () => {
  expect(crashed({ a: 10, b: 20, c: undefined }, { a: 10, b: 21, c: 5 })).toEqual(['b']);
  expect(crashed({ a: 10 }, { a: undefined })).toEqual(['a']);
  expect(crashed({}, {})).toEqual([]);
});

test('/health is sampled at the origin of each HTTP or SSE server, never for stdio', () => {
  const session = fakeSession({
    info: () => [
      { name: 'w', transport: 'sse', address: 'http://127.0.0.1:8010/sse', connected: true },
      { name: 'c', transport: 'http', address: 'http://127.0.0.1:8020/mcp', connected: true },
      { name: 't', transport: 'stdio', address: 'node server.js', connected: true },
    ],
  });
  expect(healthUrls(session)).toEqual({ w: 'http://127.0.0.1:8010', c: 'http://127.0.0.1:8020' });
});
