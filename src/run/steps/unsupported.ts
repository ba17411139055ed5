// Step kinds the language has but this runtime does not play yet: a clear failure, never a silent pass.
import type { PendingStepPlan } from '../../compile/plan.js';
import { JourneyStepError } from '../expect/errors.js';

export function runUnsupported(step: PendingStepPlan): Promise<void> {
  return Promise.reject(new JourneyStepError(
    `"${step.kind}" steps are not supported yet by this runner (step "${step.title}")`,
    'STEP_NOT_SUPPORTED', 'unsupported', step.location,
  ));
}
