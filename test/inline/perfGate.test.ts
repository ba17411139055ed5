// The regression gate end to end: a benchmark journey records its baseline (update mode), passes against
// its own figures, and fails with the performance-regression category against a baseline twice as fast.
// The step sleeps 600 ms on the server: a busy machine adds tens of milliseconds to a call, far less than
// the 20 % (120 ms) a run may differ from its own figures, and a baseline of half is far below any run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { classifyMessage } from '../../src/report/categories.js';
import { checkResult } from '../../src/report/perf/readResult.js';
import { runJourneys } from '../support/inline.js';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const journey = `test_id: 7e0c3b52-4f1a-4c2e-9d7b-2a51c0e8f001
test_name: Slow call benchmark
description: A call of known latency, benchmarked against a baseline.
servers_required: [test]
test_steps:
  - name: Slow call
    call: test.slow
    args: { ms: 600 }
    expect: { outcome: ok }
    benchmark: { iterations: 20, warmup: 1 }
  - call: test.fail
    expect: { error: failed }
`;

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcpj-gate-')); });
test.afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function run(update: boolean, results: string) {
  return runJourneys({
    files: { 'perf/slow.journey.yaml': journey },
    env: {
      MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines'), MCP_JOURNEYS_RESULTS_DIR: join(dir, results),
      ...(update ? { MCP_JOURNEYS_UPDATE_BASELINES: '1' } : {}),
    },
    args: ['--workers=1'],
  });
}

/** Attachments of the test and of its steps, at any depth (attached inside a step, they belong to it). */
function attachmentNames(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  const { attachments, steps } = node as { attachments?: { name: string }[]; steps?: unknown[] };
  return [...(attachments ?? []).map((a) => a.name), ...(steps ?? []).flatMap(attachmentNames)];
}

function onlyBaseline(): string {
  const files = readdirSync(join(dir, 'baselines'));
  expect(files).toHaveLength(1);
  return join(dir, 'baselines', files[0] ?? '');
}

function resultOf(results: string): Record<string, unknown> {
  const files = readdirSync(join(dir, results)).filter((f) => /^benchmark-.*\.json$/.test(f));
  expect(files).toHaveLength(1);
  const value: unknown = JSON.parse(readFileSync(join(dir, results, files[0] ?? ''), 'utf8'));
  expect(checkResult(value).problems).toEqual([]);
  return value as Record<string, unknown>;
}

test('a run compared against its own figures passes', async () => {
  const recorded = await run(true, 'first');
  expect(recorded.exitCode, recorded.output).toBe(0);
  expect((resultOf('first')['baseline'] as { status: string }).status).toBe('updated');
  const baseline = JSON.parse(readFileSync(onlyBaseline(), 'utf8')) as { p95_ms: number };
  expect(baseline.p95_ms).toBeGreaterThanOrEqual(600);

  const again = await run(false, 'second');
  expect(again.exitCode, again.output).toBe(0);
  const result = resultOf('second');
  expect(result['passed']).toBe(true);
  expect(result['baseline']).toMatchObject({ status: 'passed', baseline_p95_ms: baseline.p95_ms, threshold: 0.2 });
  const allure = again.allureResults[0];
  expect(allure?.status).toBe('passed');
  expect(attachmentNames(allure)).toEqual(expect.arrayContaining([expect.stringMatching(/^benchmark-.*\.json$/), 'benchmark slow: latency percentiles']));
});

test('a run whose baseline is twice as fast fails as a performance regression', async () => {
  const file = onlyBaseline();
  const { calibration: _calibration, ...baseline } = JSON.parse(readFileSync(file, 'utf8')) as { p95_ms: number; p50_ms: number; p99_ms: number; max_ms: number; calibration?: unknown };
  // Without its calibration, as a baseline from before calibrations: the absolute gate, whatever the
  // machine's load did to the sub-millisecond ping between the runs (perfCalibration.test.ts has that).
  writeFileSync(file, JSON.stringify({ ...baseline, p50_ms: baseline.p50_ms / 2, p95_ms: baseline.p95_ms / 2, p99_ms: baseline.p99_ms / 2, max_ms: baseline.max_ms / 2 }));

  const slower = await run(false, 'third');
  expect(slower.exitCode, slower.output).toBe(1);
  const result = resultOf('third');
  expect(result['passed']).toBe(false);
  expect(result['baseline']).toMatchObject({ status: 'regressed' });
  expect(slower.output).toContain('PerformanceRegressionError');
  expect(slower.output).toContain('p95 regressed');
  const allure = slower.allureResults[0];
  expect(allure?.status).toBe('failed');
  expect(classifyMessage(allure?.statusDetails?.message ?? '')?.name).toBe('Performance regression');
});
