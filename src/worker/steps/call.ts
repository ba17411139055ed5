// `call: server.tool` — one tool call on the journey's session.
import type { CallStepPlan } from '../../compile/plan.js';
import type { CallOptions } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import { playOutcomeStep } from './outcomeStep.js';

export function callOptions(timeoutMs: number | undefined, ctx: RunContext, cancelAfterMs?: number): CallOptions {
  return { signal: ctx.signal, ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(cancelAfterMs === undefined ? {} : { cancelAfterMs }) };
}

export async function runCall(step: CallStepPlan, ctx: RunContext): Promise<void> {
  let ahead = ctx.lookahead?.take(step);
  await playOutcomeStep(step, ctx, async () => {
    const args = ahead?.args ?? (ctx.scope.render(step.args) as Record<string, unknown>);
    const call = () => ctx.session.callTool(step.server, step.tool, args, callOptions(step.timeoutMs, ctx, step.cancelAfterMs));
    let outcome = await (ahead?.outcome ?? call());
    ahead = undefined;
    // Teardown cleans up what the journey made: a server lost meanwhile (Ctrl-C reaches stdio servers too)
    // gets one more call, which reconnects, unless the step expects it unavailable.
    if (outcome.kind === 'unavailable' && ctx.phase === 'teardown' && step.expect.outcome !== 'unavailable') {
      const again = await call();
      outcome = { ...again, totalMs: outcome.totalMs + again.totalMs, attempts: [...outcome.attempts, ...again.attempts] };
    }
    return { ...outcome, request: { kind: 'call', server: step.server, tool: outcome.tool ?? step.tool, args } };
  }, { server: step.server, tool: step.tool });
}
