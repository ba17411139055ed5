// `include:` — the fragment's steps were expanded at compile time; here they run in a scope where the
// `with` bindings (rendered in the including scope) are visible.
import type { IncludeStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import type { Captured } from '../variables.js';

export async function runInclude(step: IncludeStepPlan, ctx: RunContext): Promise<void> {
  const bindings: Record<string, Captured> = {};
  for (const [name, value] of Object.entries(step.bindings)) {
    bindings[name] = { value: ctx.scope.render(value), provenance: { origin: 'with', step: step.title, location: step.location } };
  }
  const inner: RunContext = { ...ctx, scope: ctx.scope.child(bindings) };
  for (const child of step.steps) await ctx.runStep(child, inner);
}
