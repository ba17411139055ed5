// `sql: { connection, query, params }` — rows are the result (`$.rows[0].n`, `$.rowCount`). A database
// error is expectable like a tool error; no answer at all is *unavailable*.
import type { SqlStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { playOutcomeStep } from './outcomeStep.js';
import type { Played } from './outcomeStep.js';

export async function runSql(step: SqlStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, async (): Promise<Played> => {
    const request = {
      connection: step.connection,
      query: step.query,
      params: ctx.scope.render(step.params) as unknown[],
      ...(step.database === undefined ? {} : { database: String(ctx.scope.render(step.database)) }),
    };
    const out = await ctx.sql(request);
    const timing = { latencyMs: out.latencyMs, totalMs: out.latencyMs, attempts: [], request: { kind: 'sql' as const, ...request } };
    if (out.kind === 'ok') return { kind: 'ok', value: out.value, ...timing };
    return { kind: out.kind === 'error' ? 'tool_error' : 'unavailable', value: out.message, message: out.message, ...timing };
  }, { server: step.connection });
}
