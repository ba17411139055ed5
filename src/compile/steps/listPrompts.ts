// `list_prompts: server`.
import type { ListPromptsStepDoc } from '../../load/journey.js';
import type { ListPromptsStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileListPrompts(d: ListPromptsStepDoc, site: StepSite, ctx: StepContext): ListPromptsStepPlan {
  return { kind: 'list_prompts', ...site.base, ...outcomeParts(d, site, ctx), server: d.list_prompts };
}
