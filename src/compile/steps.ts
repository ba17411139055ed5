// Step documents → step plans: the common fields here, the rest by the kind's compiler (compile/steps/).
import { durationMs } from '../common/duration.js';
import type { StepDoc, StepKind } from '../load/journey.js';
import { defaultTitle, kindOf, STEP_KINDS } from '../load/stepKinds.js';
import type { StepPlan } from './plan.js';
import type { DocPath } from './source.js';
import type { StepContext, StepSite } from './steps/context.js';
import { compilers } from './steps/registry.js';

export type { StepContext } from './steps/context.js';

export function stepKind(doc: StepDoc): StepKind {
  const kind = kindOf(doc);
  if (!kind) throw new Error(`step has none of the keys ${STEP_KINDS.join(', ')}`);
  return kind;
}

export function compileSteps(docs: StepDoc[] | undefined, at: DocPath, ctx: StepContext): StepPlan[] {
  return (docs ?? []).map((doc, i) => compileStep(doc, [...at, i], ctx));
}

export function compileStep(doc: StepDoc, at: DocPath, ctx: StepContext): StepPlan {
  const kind = stepKind(doc);
  const base = { title: doc.name ?? defaultTitle(kind, doc), location: ctx.loc.at(at), ...(doc.timeout !== undefined ? { timeoutMs: durationMs(doc.timeout) } : {}) };
  const site: StepSite = { base, at };
  const compile = compilers[kind] as (doc: StepDoc, site: StepSite, ctx: StepContext) => StepPlan;
  return compile(doc, site, ctx);
}
