// `list_resources: server`.
import type { ListResourcesStepDoc } from '../../load/journey.js';
import type { ListResourcesStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileListResources(d: ListResourcesStepDoc, site: StepSite, ctx: StepContext): ListResourcesStepPlan {
  return { kind: 'list_resources', ...site.base, ...outcomeParts(d, site, ctx), server: d.list_resources };
}
