// `get_prompt: { server, name, args }`.
import type { GetPromptStepDoc } from '../../load/journey.js';
import type { GetPromptStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileGetPrompt(d: GetPromptStepDoc, site: StepSite, ctx: StepContext): GetPromptStepPlan {
  const { server, name, args } = d.get_prompt;
  return { kind: 'get_prompt', ...site.base, ...outcomeParts(d, site, ctx), server, name, args: args ?? {} };
}
