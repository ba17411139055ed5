// `complete: { server, prompt | resource, argument, value, context }`.
import type { CompleteStepDoc } from '../../load/journey.js';
import type { CompleteStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileComplete(d: CompleteStepDoc, site: StepSite, ctx: StepContext): CompleteStepPlan {
  const c = d.complete;
  // The schema lets exactly one of the two through.
  const ref = c.prompt !== undefined ? { prompt: c.prompt } : { resource: c.resource ?? '' };
  return { kind: 'complete', ...site.base, ...outcomeParts(d, site, ctx), server: c.server, ref, argument: c.argument, value: c.value ?? '', context: c.context ?? {} };
}
