// `wait_for: { server, method, params? }`, with its timeout always set (30 s when the journey gives none).
import type { WaitForStepDoc } from '../../load/journey.js';
import { compileExpect } from '../expectations.js';
import type { WaitForStepPlan } from '../plan.js';
import { compileSave } from './context.js';
import type { StepContext, StepSite } from './context.js';

const DEFAULT_TIMEOUT_MS = 30_000;

export function compileWaitFor(d: WaitForStepDoc, site: StepSite, ctx: StepContext): WaitForStepPlan {
  const { at, base } = site;
  const plan: WaitForStepPlan = {
    kind: 'wait_for', ...base, timeoutMs: base.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    expect: compileExpect(d.expect, [...at, 'expect'], base.location, ctx.loc), save: compileSave(d.save, at, ctx.loc),
    server: d.wait_for.server, method: d.wait_for.method,
  };
  if (d.wait_for.params) plan.params = d.wait_for.params;
  return plan;
}
