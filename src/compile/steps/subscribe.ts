// `subscribe: { server, uri }`.
import type { SubscribeStepDoc } from '../../load/journey.js';
import type { SubscribeStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileSubscribe(d: SubscribeStepDoc, site: StepSite, ctx: StepContext): SubscribeStepPlan {
  return { kind: 'subscribe', ...site.base, ...outcomeParts(d, site, ctx), server: d.subscribe.server, uri: d.subscribe.uri };
}
