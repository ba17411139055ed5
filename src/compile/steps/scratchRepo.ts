// `scratch_repo: { from, save_as }`.
import type { ScratchRepoStepDoc } from '../../load/journey.js';
import type { ScratchRepoStepPlan } from '../plan.js';
import type { StepContext, StepSite } from './context.js';

export function compileScratchRepo(d: ScratchRepoStepDoc, site: StepSite, ctx: StepContext): ScratchRepoStepPlan {
  const r = d.scratch_repo;
  return { kind: 'scratch_repo', ...site.base, from: r.from, saveAs: r.save_as, saveLocation: ctx.loc.key([...site.at, 'scratch_repo', 'save_as']) };
}
