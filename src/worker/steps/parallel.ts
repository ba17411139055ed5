// `parallel:` — steps at once on the journey's session, or `{ sessions: n, steps }`: n more simulated
// Claude Code sessions, each playing the steps in order, all at once. Every branch runs to its end; the
// first failure is then the step's failure (each failed branch is also marked in its own step).
import type { ParallelStepPlan, StepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';

async function settleAll(branches: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(branches);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function inOrder(steps: StepPlan[], ctx: RunContext): Promise<void> {
  for (const step of steps) await ctx.runStep(step, ctx);
}

export async function runParallel(step: ParallelStepPlan, ctx: RunContext): Promise<void> {
  if (step.sessions === undefined) {
    await settleAll(step.steps.map((child) => ctx.runStep(child, ctx)));
    return;
  }
  const sessions = await ctx.openSessions(step.sessions);
  try {
    await settleAll(sessions.map((session) => inOrder(step.steps, { ...ctx, session, scope: ctx.scope.child({}, true) })));
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
}
