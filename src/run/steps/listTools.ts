// `list_tools: server` — the server's tool list, as Claude Code fetches it at start-up.
import type { ListToolsStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

export async function runListTools(step: ListToolsStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, () => ctx.session.listTools(step.server, callOptions(step.timeoutMs, ctx)), { server: step.server });
}
