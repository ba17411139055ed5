// The calibrated regression gate, pure: which p95 it compares for each calibration a run and its
// baseline can have, and that the absolute figures stay in the verdict.
import { test, expect } from '@playwright/test';
import { compareWithBaseline } from '../../src/report/perf/baseline.js';
import type { Baseline } from '../../src/report/perf/baseline.js';
import { LatencyHistogram } from '../../src/report/perf/histogram.js';
import { machineInfo } from '../../src/report/perf/machine.js';
import { cpuLoopMs } from '../../src/worker/perf/calibration.js';

const machine = machineInfo();
const baseline: Baseline = {
  key: 'benchmark:t:work', kind: 'benchmark', test_id: 't', operation: 'work', recorded_at: '2026-12-04T00:00:00.000Z',
  p50_ms: 100, p95_ms: 100, p99_ms: 100, max_ms: 100, samples: 10, machine, histogram: LatencyHistogram.empty().encode(),
  calibration: { server: 's', ping_p50_ms: 10, pings: 21, cpu_ms: 5 },
};
const run = (p95: number, ping?: number) => ({
  key: baseline.key, p95_ms: p95, machine, ...(ping === undefined ? {} : { calibration: { server: 's', ping_p50_ms: ping, pings: 21, cpu_ms: 10 } }),
});

test('a slower calibration (beyond the threshold) is divided out; the absolute p95 is still shown', () => {
  const c = compareWithBaseline(run(200, 20), baseline);
  expect(c).toMatchObject({ status: 'passed', calibrated: true, calibration_ratio: 2, calibrated_p95_ms: 100, cpu_ratio: 2, ratio: 2, run_p95_ms: 200 });
  expect(c.message).toBe('p95 200 ms vs baseline 100 ms; calibrated (ping p50 ×2, CPU loop ×2): 100 ms (+0 %, limit +20 %): within the threshold');
  expect(compareWithBaseline(run(300, 20), baseline)).toMatchObject({ status: 'regressed', calibrated: true, calibrated_p95_ms: 150 });
});

test('the same calibration, one within the threshold, or a faster one: the absolute p95 is compared', () => {
  expect(compareWithBaseline(run(200, 10), baseline)).toMatchObject({ status: 'regressed', calibrated: false });
  expect(compareWithBaseline(run(115, 11.5), baseline)).toMatchObject({ status: 'passed', calibrated: false });
  // A ping that came back faster never makes a run fail.
  expect(compareWithBaseline(run(110, 5), baseline)).toMatchObject({ status: 'passed', calibrated: false, calibration_ratio: 0.5 });
  // No calibration on either side: as before.
  const bare = compareWithBaseline(run(200), baseline);
  expect(bare).not.toHaveProperty('calibrated');
  expect(bare.message).toBe('p95 regressed: 200 ms vs baseline 100 ms (+100 %, limit +20 %)');
});

test('the CPU loop takes measurable time', () => {
  expect(cpuLoopMs(200_000, 3)).toBeGreaterThan(0);
});
