// `read: { server, uri }`.
import type { ReadStepDoc } from '../../load/journey.js';
import type { ReadStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileRead(d: ReadStepDoc, site: StepSite, ctx: StepContext): ReadStepPlan {
  return { kind: 'read', ...site.base, ...outcomeParts(d, site, ctx), server: d.read.server, uri: d.read.uri };
}
