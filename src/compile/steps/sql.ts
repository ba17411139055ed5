// `sql: { connection, database?, query, params? }`.
import type { SqlStepDoc } from '../../load/journey.js';
import type { SqlStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileSql(d: SqlStepDoc, site: StepSite, ctx: StepContext): SqlStepPlan {
  const plan: SqlStepPlan = { kind: 'sql', ...site.base, ...outcomeParts(d, site, ctx), connection: d.sql.connection, query: d.sql.query, params: d.sql.params ?? [] };
  return d.sql.database === undefined ? plan : { ...plan, database: d.sql.database };
}
