// `wait_for: { server, method, params? }` — the first notification of that method (whose params contain
// `params`) received since the previous step started; its params are the result. None in time: `timeout`.
import type { WaitForStepPlan } from '../../compile/plan.js';
import type { ReceivedNotification } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import { evaluate, show } from '../expect/matchers.js';
import { playOutcomeStep, type Played } from './outcomeStep.js';

function tally(seen: readonly ReceivedNotification[]): string {
  if (seen.length === 0) return 'nothing';
  const counts = new Map<string, number>();
  for (const n of seen) counts.set(n.method, (counts.get(n.method) ?? 0) + 1);
  return [...counts].map(([method, count]) => `${method} ×${count}`).join(', ');
}

export async function runWaitFor(step: WaitForStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, async (): Promise<Played> => {
    const params = step.params === undefined ? undefined : (ctx.scope.render(step.params) as Record<string, unknown>);
    const timeline = ctx.timeline;
    const since = timeline?.windowStart() ?? 0;
    const accept = (n: ReceivedNotification): boolean => n.method === step.method && (timeline?.free(n.at) ?? true)
      && (params === undefined || evaluate({ op: 'contains', expected: params, location: step.location }, { present: true, value: n.params }).pass);
    const start = performance.now();
    const wait = await ctx.session.waitForNotification(step.server, accept, { since, timeoutMs: step.timeoutMs ?? 0, signal: ctx.signal });
    const latencyMs = performance.now() - start;
    const request = { kind: 'wait_for' as const, server: step.server, method: step.method, ...(params ? { params } : {}) };
    const common = { latencyMs, totalMs: latencyMs, attempts: [], request, ...(wait.seen.length > 0 ? { notifications: wait.seen } : {}) };
    if (wait.found) {
      timeline?.take(wait.found.at);
      return { kind: 'ok', value: wait.found.params, ...common };
    }
    const wanted = params === undefined ? step.method : `${step.method} with params containing ${show(params)}`;
    const message = `${step.server}: no ${wanted} within ${step.timeoutMs ?? 0} ms (received meanwhile: ${tally(wait.seen)})`;
    return { kind: 'timeout', value: undefined, message, ...common };
  }, { server: step.server });
}
