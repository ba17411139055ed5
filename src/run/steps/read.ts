// `read: { server, uri }` — one resource read on the journey's session.
import type { ReadStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

export async function runRead(step: ReadStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, () => {
    const uri = String(ctx.scope.render(step.uri));
    return ctx.session.readResource(step.server, uri, callOptions(step.timeoutMs, ctx));
  }, { server: step.server });
}
