// `call: server.tool` — one tool call on the journey's session.
import type { CallStepPlan } from '../../compile/plan.js';
import type { CallOptions } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import { playOutcomeStep } from './outcomeStep.js';

export function callOptions(timeoutMs: number | undefined, ctx: RunContext): CallOptions {
  return timeoutMs === undefined ? { signal: ctx.signal } : { timeoutMs, signal: ctx.signal };
}

export async function runCall(step: CallStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, () => {
    const args = ctx.scope.render(step.args) as Record<string, unknown>;
    return ctx.session.callTool(step.server, step.tool, args, callOptions(step.timeoutMs, ctx));
  }, { server: step.server, tool: step.tool });
}
