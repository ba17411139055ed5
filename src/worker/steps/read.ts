// `read: { server, uri }` — one resource read on the journey's session.
import type { ReadStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

export async function runRead(step: ReadStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, async () => {
    const uri = String(ctx.scope.render(step.uri));
    const outcome = await ctx.session.readResource(step.server, uri, callOptions(step.timeoutMs, ctx));
    return { ...outcome, request: { kind: 'read', server: step.server, uri } };
  }, { server: step.server });
}
