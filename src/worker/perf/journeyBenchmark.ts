// A journey's `benchmark:` — test_steps repeated `iterations` times after `warmup` unmeasured passes,
// from `concurrency` sessions at once. One Performance Benchmark Result for the whole pass (operation
// `benchmark.operation`, default `test_steps`) and one per tool the steps call, each from every call of it,
// with the tightest latency budget of that tool's steps as its p95 target.
import { test } from '@playwright/test';
import type { BenchmarkPlan, JourneyPlan } from '../../compile/plan.js';
import { buildBenchmarkResult, MIN_SAMPLE_SIZE } from '../../report/perf/benchmarkResult.js';
import { PerfRecorder } from './recorder.js';
import type { BenchmarkResult } from '../../report/perf/types.js';
import type { RunContext } from '../context.js';
import { locateError } from '../expect/errors.js';
import type { JourneyStepError } from '../expect/errors.js';
import { budgetsByTool, withoutBudgets } from './budgets.js';
import type { PerfHost } from './host.js';
import { playIteration } from './iteration.js';
import { calibrate, withCalibration } from './calibration.js';
import { benchmarkWithOverrides } from './overrides.js';
import { publish, verdict } from './publish.js';

interface Series {
  server: string;
  operation: string;
  recorder: PerfRecorder;
}

export async function runJourneyBenchmark(journey: JourneyPlan, spec: BenchmarkPlan, ctx: RunContext, host: PerfHost): Promise<void> {
  const plan = benchmarkWithOverrides(spec);
  const steps = withoutBudgets(journey.test.steps);
  const budgets = budgetsByTool(journey.test.steps);
  const whole = plan.operation ?? 'test_steps';
  let failure: JourneyStepError | undefined;
  await test.step(`Benchmark: test_steps × ${plan.iterations} (warm-up ${plan.warmup}, ${plan.concurrency} at once)`, async () => {
    for (let i = 0; i < plan.warmup; i++) await playIteration(steps, { ...ctx, scope: ctx.scope.child({}, true) });
    const calibration = await calibrate(ctx.session, journey.servers, ctx.signal);
    const extra = plan.concurrency > 1 ? await ctx.openSessions(plan.concurrency - 1) : [];
    const startedAt = new Date();
    const series = new Map<string, Series>();
    const seriesOf = (server: string, operation: string): Series => {
      const key = `${server}\u0000${operation}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = { server, operation, recorder: new PerfRecorder(startedAt.getTime()) }));
      return s;
    };
    const iteration = seriesOf(journey.servers[0] ?? 'journey', whole);
    let issued = 0;
    try {
      await Promise.all([ctx.session, ...extra].map(async (session) => {
        while (issued < plan.iterations && !ctx.signal.aborted) {
          issued++;
          const pass = await playIteration(steps, { ...ctx, session, scope: ctx.scope.child({}, true) });
          const failed = pass.calls.find((c) => !c.ok);
          iteration.recorder.record({ at_ms: pass.startedAtMs, latency_ms: pass.elapsedMs, ok: !failed, ...(failed ? { kind: failed.kind ?? 'error' } : {}) });
          for (const call of pass.calls) if (call.server && call.tool) seriesOf(call.server, call.tool).recorder.record(call);
        }
      }));
    } finally {
      await Promise.all(extra.map((s) => s.close()));
    }
    const parameters = { iterations: plan.iterations, warmup: plan.warmup, concurrency: plan.concurrency, steps: steps.length };
    const results: BenchmarkResult[] = [];
    for (const s of series.values()) {
      if (s.recorder.total < MIN_SAMPLE_SIZE) continue;
      const target = s === iteration ? plan.targetP95Ms : budgets.get(`${s.server}.${s.operation}`);
      results.push(buildBenchmarkResult({
        ...s.recorder.measured(), testId: host.testId, testName: host.testName, server: s.server, operation: s.operation, startedAt,
        parameters: { ...parameters, ...(s === iteration ? { per: 'pass over test_steps' } : { per: `${s.server}.${s.operation} call` }), ...(target === undefined ? {} : { target_p95_ms: target }) },
        ...(target === undefined ? {} : { targetP95Ms: target }),
      }));
    }
    for (const built of results) {
      const { result } = await publish(withCalibration(built, calibration), host);
      failure ??= verdict(result, plan.location);
    }
    if (failure) throw locateError(failure, [{ title: 'benchmark', location: plan.location }]);
  }, { location: plan.location });
}
