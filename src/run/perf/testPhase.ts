// test_steps of a journey: played once as usual (every step in the report, journey assertions apply to
// this pass), then, for a `benchmark:` or `load:` journey, measured many times.
import type { JourneyPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { runJourneyBenchmark } from './journeyBenchmark.js';
import { runLoad } from './loadRun.js';

export async function playTestSteps(plan: JourneyPlan, ctx: RunContext): Promise<void> {
  for (const step of plan.test.steps) await ctx.runStep(step, ctx);
  if (!ctx.perf) return;
  if (plan.benchmark) await runJourneyBenchmark(plan, plan.benchmark, ctx, ctx.perf);
  if (plan.load) await runLoad(plan, plan.load, ctx, ctx.perf);
}
