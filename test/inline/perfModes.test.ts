// Benchmark and load modes against the stdio test server: concurrency, errors counted by kind, and each
// kind of failure in its report category (a missed p95 target is latency, failed calls are errors under load).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { classifyMessage } from '../../src/report/categories.js';
import { checkResult } from '../../src/report/perf/readResult.js';
import type { BenchmarkResult, LoadTestResult, PerfResult } from '../../src/report/perf/types.js';
import { runJourneys } from '../support/inline.js';

test.describe.configure({ timeout: 300_000 });

const head = (n: number, name: string) => `test_id: 7e0c3b52-4f1a-4c2e-9d7b-2a51c0e8f1${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [test]
`;

const concurrent = `${head(1, 'Concurrent benchmark over its target')}test_steps:
  - name: Slow call from three sessions
    call: test.slow
    args: { ms: 30 }
    expect: { outcome: ok }
    benchmark: { iterations: 12, concurrency: 3, target_p95_ms: 1, operation: slow from three sessions }
  - call: test.fail
    expect: { error: failed }
`;

const load = `${head(2, 'Load with failing calls')}load: { sessions: 3, iterations: 2, think_time: 10ms, thresholds: { error_rate: 0.1 } }
test_steps:
  - call: test.count
    expect: { result: { $.count: { gte: 1 } } }
  - name: Fails after the first pass
    call: test.count
    expect: { result: { $.count: { lte: 2 } } }
  - call: test.fail
    expect: { error: failed }
`;

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcpj-modes-')); });
test.afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function results(sub: string): PerfResult[] {
  return readdirSync(join(dir, sub)).map((f) => {
    const checked = checkResult(JSON.parse(readFileSync(join(dir, sub, f), 'utf8')));
    expect(checked.problems, f).toEqual([]);
    return checked.result as PerfResult;
  });
}

test('a benchmark from three sessions that misses its p95 target fails as latency', async () => {
  const run = await runJourneys({ files: { 'perf/c.journey.yaml': concurrent }, env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, 'c'), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'b') }, args: ['--workers=1'] });
  expect(run.exitCode, run.output).toBe(1);
  const [result] = results('c') as BenchmarkResult[];
  expect(result).toMatchObject({ operation: 'slow from three sessions', sample_size: 12, passed: false, test_parameters: { concurrency: 3, iterations: 12 } });
  expect(result?.latency_p50).toBeGreaterThanOrEqual(30);
  expect(classifyMessage(run.allureResults[0]?.statusDetails?.message ?? '')?.name).toBe('Latency budget exceeded');
});

test('a load test counts failed calls by kind and fails over its error-rate threshold', async () => {
  const run = await runJourneys({ files: { 'perf/l.journey.yaml': load }, env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, 'l'), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'b') }, args: ['--workers=1'] });
  expect(run.exitCode, run.output).toBe(1);
  const [result] = results('l') as LoadTestResult[];
  // Each session's counter: 1, 2 in the first pass; 3 fails the second pass's check, which ends it.
  expect(result).toMatchObject({ concurrent_clients: 3, total_requests: 3 * 3 + 3 * 2, failed_requests: 3, errors: { assertion: 3 }, passed: false });
  expect(result?.failures).toContainEqual(expect.stringContaining('Expectation failed'));
  expect(classifyMessage(run.allureResults[0]?.statusDetails?.message ?? '')?.name).toBe('Errors under load');
  expect(run.output).toContain('LoadErrorsError: Load test (3 sessions): 3 of 15 calls failed (assertion: 3)');
});
