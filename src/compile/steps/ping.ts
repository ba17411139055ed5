// `ping: server`.
import type { PingStepDoc } from '../../load/journey.js';
import type { PingStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compilePing(d: PingStepDoc, site: StepSite, ctx: StepContext): PingStepPlan {
  return { kind: 'ping', ...site.base, ...outcomeParts(d, site, ctx), server: d.ping };
}
