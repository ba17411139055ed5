// `server: { action, target }` → the action on managed servers; with `port` or `env`, another instance
// that is expected like a call.
import type { ServerStepDoc } from '../../load/journey.js';
import { compileExpect } from '../expectations.js';
import type { ServerStepPlan } from '../plan.js';
import { compileSave } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileServer(d: ServerStepDoc, site: StepSite, ctx: StepContext): ServerStepPlan {
  const s = d.server;
  const plan: ServerStepPlan = {
    kind: 'server', ...site.base, action: s.action, targets: s.target === 'both' ? 'both' : ([] as string[]).concat(s.target), waitReady: s.wait_ready ?? true,
    expect: compileExpect(d.expect, [...site.at, 'expect'], site.base.location, ctx.loc), save: compileSave(d.save, site.at, ctx.loc),
  };
  if (s.port === undefined && s.env === undefined) return plan;
  return { ...plan, extra: { ...(s.port === undefined ? {} : { port: s.port }), env: s.env ?? {} } };
}
