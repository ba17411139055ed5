// `wait: 2s` → milliseconds.
import { durationMs } from '../../common/duration.js';
import type { WaitStepDoc } from '../../load/journey.js';
import type { WaitStepPlan } from '../plan.js';
import type { StepContext, StepSite } from './context.js';

export function compileWait(d: WaitStepDoc, site: StepSite, _ctx: StepContext): WaitStepPlan {
  return { kind: 'wait', ...site.base, ms: durationMs(d.wait) };
}
