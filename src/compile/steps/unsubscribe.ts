// `unsubscribe: { server, uri }`.
import type { UnsubscribeStepDoc } from '../../load/journey.js';
import type { UnsubscribeStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileUnsubscribe(d: UnsubscribeStepDoc, site: StepSite, ctx: StepContext): UnsubscribeStepPlan {
  return { kind: 'unsubscribe', ...site.base, ...outcomeParts(d, site, ctx), server: d.unsubscribe.server, uri: d.unsubscribe.uri };
}
