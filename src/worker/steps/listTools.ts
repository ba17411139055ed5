// `list_tools: server` — the server's tool list, as Claude Code fetches it at start-up.
import type { ListToolsStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

export async function runListTools(step: ListToolsStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, async () => {
    const outcome = await ctx.session.listTools(step.server, callOptions(step.timeoutMs, ctx));
    return { ...outcome, request: { kind: 'list_tools', server: step.server } };
  }, { server: step.server });
}
