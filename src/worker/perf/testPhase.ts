// test_steps of a journey: played once as usual (every step in the report, journey assertions apply to
// this pass), then, for a `benchmark:` or `load:` journey, measured many times. In a benchmark journey
// latency budgets are p95 targets of the results, so the first pass does not judge single calls by them.
import type { JourneyPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { withoutBudgets } from './budgets.js';
import { runJourneyBenchmark } from './journeyBenchmark.js';
import { runLoad } from './loadRun.js';

export async function playTestSteps(plan: JourneyPlan, ctx: RunContext): Promise<void> {
  const steps = plan.benchmark && ctx.perf ? withoutBudgets(plan.test.steps) : plan.test.steps;
  for (const [i, step] of steps.entries()) await ctx.runStep(step, ctx, steps[i + 1]);
  if (!ctx.perf) return;
  if (plan.benchmark) await runJourneyBenchmark(plan, plan.benchmark, ctx, ctx.perf);
  if (plan.load) await runLoad(plan, plan.load, ctx, ctx.perf);
}
