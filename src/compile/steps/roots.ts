// `roots: [..]` sets the session's roots; `roots: { add, remove }` changes them.
import type { RootsStepDoc } from '../../load/journey.js';
import { compileRoots } from '../clientOptions.js';
import type { RootsStepPlan } from '../plan.js';
import type { StepContext, StepSite } from './context.js';

export function compileRootsStep(d: RootsStepDoc, site: StepSite, _ctx: StepContext): RootsStepPlan {
  const r = d.roots;
  if (Array.isArray(r)) return { kind: 'roots', ...site.base, set: compileRoots(r), add: [], remove: [] };
  return { kind: 'roots', ...site.base, add: compileRoots(r.add ?? []), remove: compileRoots(r.remove ?? []) };
}
