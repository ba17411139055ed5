// `parallel: [steps]` (at once on the journey's session) or `{ sessions, steps }`.
import type { ParallelStepDoc } from '../../load/journey.js';
import type { ParallelStepPlan } from '../plan.js';
import type { StepContext, StepSite } from './context.js';

export function compileParallel(d: ParallelStepDoc, site: StepSite, ctx: StepContext): ParallelStepPlan {
  const p = d.parallel;
  if (Array.isArray(p)) return { kind: 'parallel', ...site.base, steps: ctx.steps(p, [...site.at, 'parallel'], ctx) };
  return { kind: 'parallel', ...site.base, sessions: p.sessions, steps: ctx.steps(p.steps, [...site.at, 'parallel', 'steps'], ctx) };
}
