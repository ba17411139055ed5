// `list_resource_templates: server`.
import type { ListResourceTemplatesStepDoc } from '../../load/journey.js';
import type { ListResourceTemplatesStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileListResourceTemplates(d: ListResourceTemplatesStepDoc, site: StepSite, ctx: StepContext): ListResourceTemplatesStepPlan {
  return { kind: 'list_resource_templates', ...site.base, ...outcomeParts(d, site, ctx), server: d.list_resource_templates };
}
