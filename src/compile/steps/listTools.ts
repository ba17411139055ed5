// `list_tools: server`.
import type { ListToolsStepDoc } from '../../load/journey.js';
import type { ListToolsStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileListTools(d: ListToolsStepDoc, site: StepSite, ctx: StepContext): ListToolsStepPlan {
  return { kind: 'list_tools', ...site.base, ...outcomeParts(d, site, ctx), server: d.list_tools };
}
