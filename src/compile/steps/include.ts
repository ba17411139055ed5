// `include:` — the fragment's steps are expanded here, with the fragment's own file and lines, so the run
// stage never reads YAML. `with` and the fragment's param defaults become bindings of its scope.
import { dirname, resolve } from 'node:path';
import type { IncludeStepDoc } from '../../load/journey.js';
import type { IncludeStepPlan } from '../plan.js';
import { Locator } from '../source.js';
import type { StepContext, StepSite } from './context.js';

/** Fragments nested deeper than this are a cycle the validator missed. */
const MAX_INCLUDE_DEPTH = 32;

export function compileInclude(doc: IncludeStepDoc, site: StepSite, ctx: StepContext): IncludeStepPlan {
  const fragmentFile = resolve(dirname(ctx.file), doc.include);
  const fragment = ctx.input.fragments.get(fragmentFile);
  if (!fragment) throw new Error(`${ctx.file}: fragment ${doc.include} (${fragmentFile}) was not loaded`);
  if (ctx.depth >= MAX_INCLUDE_DEPTH) throw new Error(`${ctx.file}: includes nest deeper than ${MAX_INCLUDE_DEPTH}`);
  const bindings: Record<string, unknown> = {};
  for (const [name, fallback] of Object.entries(fragment.doc.params ?? {})) {
    if (fallback !== null && fallback !== undefined) bindings[name] = fallback;
  }
  Object.assign(bindings, doc.with ?? {});
  const inner: StepContext = { ...ctx, file: fragmentFile, loc: new Locator(fragmentFile, fragment.source), depth: ctx.depth + 1 };
  return {
    kind: 'include',
    ...site.base,
    fragment: doc.include,
    fragmentFile,
    bindings,
    steps: ctx.steps(fragment.doc.steps, ['steps'], inner),
  };
}
