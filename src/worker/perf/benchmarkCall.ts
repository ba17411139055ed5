// `call:` with `benchmark:` — the call repeated `iterations` times after `warmup` unmeasured ones, from
// `concurrency` sessions at once (the journey's own and more like it). Every call is checked against the
// step's `expect` (outcome and result); a call that does not hold counts as failed, by its kind. The
// step's `save` takes the last good result; its latency budget is a p95 target when none is given.
import { isMultiValued, queryResult } from '../../common/jsonPath.js';
import type { BenchmarkPlan, CallStepPlan } from '../../compile/plan.js';
import type { CallOutcome, McpSession } from '../../mcp/types.js';
import { buildBenchmarkResult } from '../../report/perf/benchmarkResult.js';
import { PerfRecorder } from './recorder.js';
import type { RunContext, StepRecord } from '../context.js';
import { runChecks } from '../expect/checks.js';
import { JourneyStepError, locateError } from '../expect/errors.js';
import { outcomeError } from '../expect/outcomeAndLatency.js';
import { callOptions } from '../steps/call.js';
import { calibrate, withCalibration } from './calibration.js';
import { benchmarkWithOverrides } from './overrides.js';
import { publish, verdict } from './publish.js';

export type BenchmarkCallPlan = CallStepPlan & { benchmark: BenchmarkPlan };

/** Why a call does not count as good: its outcome kind, or `assertion`; undefined when it is good. */
export function judge(step: CallStepPlan, outcome: CallOutcome, ctx: RunContext): string | undefined {
  if (outcomeError(step.expect, outcome, step.title, step.location)) return outcome.kind === 'ok' ? 'assertion' : outcome.kind;
  return runChecks(step.expect.checks, outcome, ctx.scope.render).length > 0 ? 'assertion' : undefined;
}

function save(step: CallStepPlan, ctx: RunContext, result: CallOutcome): void {
  for (const s of step.save) {
    const values = queryResult(result, s.path);
    if (values.length === 0) continue;
    ctx.scope.save(s.name, { value: isMultiValued(s.path) ? values : values[0], provenance: { origin: 'save', step: step.title, server: step.server, tool: step.tool, location: s.location } });
  }
}

export async function runBenchmarkCall(step: BenchmarkCallPlan, ctx: RunContext): Promise<void> {
  const host = ctx.perf;
  if (!host) throw new JourneyStepError('benchmark steps need the journey runner (no report host)', 'RUNTIME', step.benchmark.location);
  const plan = benchmarkWithOverrides(step.benchmark);
  const args = ctx.scope.render(step.args) as Record<string, unknown>;
  const call = (session: McpSession): Promise<CallOutcome> => session.callTool(step.server, step.tool, args, callOptions(step.timeoutMs, ctx));
  for (let i = 0; i < plan.warmup; i++) await call(ctx.session);
  const calibration = await calibrate(ctx.session, [step.server], ctx.signal);
  const extra = plan.concurrency > 1 ? await ctx.openSessions(plan.concurrency - 1) : [];
  const startedAt = new Date();
  const recorder = new PerfRecorder(startedAt.getTime());
  let issued = 0;
  let lastGood: CallOutcome | undefined;
  try {
    await Promise.all([ctx.session, ...extra].map(async (session) => {
      while (issued < plan.iterations && !ctx.signal.aborted) {
        issued++;
        const at = Date.now();
        const outcome = await call(session);
        const kind = judge(step, outcome, ctx);
        recorder.record(kind === undefined ? { at_ms: at, latency_ms: outcome.latencyMs, ok: true } : { at_ms: at, latency_ms: outcome.latencyMs, ok: false, kind });
        if (kind === undefined) lastGood = outcome;
      }
    }));
  } finally {
    await Promise.all(extra.map((s) => s.close()));
  }
  if (lastGood) save(step, ctx, lastGood);
  const target = plan.targetP95Ms ?? step.expect.latency?.maxMs;
  const built = buildBenchmarkResult({
    ...recorder.measured(), testId: host.testId, testName: host.testName, server: step.server, operation: plan.operation ?? step.tool, startedAt,
    parameters: { iterations: plan.iterations, warmup: plan.warmup, concurrency: plan.concurrency, tool: `${step.server}.${step.tool}`, ...(target === undefined ? {} : { target_p95_ms: target }) },
    ...(target === undefined ? {} : { targetP95Ms: target }),
  });
  const { result } = await publish(withCalibration(built, calibration), host);
  const failure = verdict(result, step.benchmark.location);
  const record: StepRecord = {
    phase: ctx.phase, title: step.title, kind: 'call', location: step.location, server: step.server, tool: step.tool,
    latencyMs: result.latency_p95, status: failure ? 'failed' : 'passed',
  };
  if (lastGood) record.outcome = 'ok';
  if (target !== undefined) record.budgetMs = target;
  if (failure) {
    record.category = failure.category;
    record.error = failure.message.split('\n')[0] ?? '';
  }
  ctx.records.push(record);
  if (failure) throw locateError(failure, [{ title: 'benchmark', location: step.benchmark.location }]);
}
