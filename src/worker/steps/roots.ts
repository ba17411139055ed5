// `roots: [...]` or `roots: { add, remove }` — the session's roots change, and every server that may hear
// of it gets `notifications/roots/list_changed` (as Claude Code sends on /add-dir).
import type { RootsStepPlan } from '../../compile/plan.js';
import type { Root } from '../../mcp/types.js';
import type { RunContext, StepRecord } from '../context.js';
import { noteParameters } from '../journeyReport.js';
import { toRoot } from '../roots.js';

export async function runRoots(step: RootsStepPlan, ctx: RunContext): Promise<void> {
  const render = ctx.scope.render;
  const removed = new Set(step.remove.map((r) => toRoot(r, render).uri));
  const base: Root[] = step.set ? step.set.map((r) => toRoot(r, render)) : ctx.session.roots();
  const kept = base.filter((r) => !removed.has(r.uri));
  const added = step.add.map((r) => toRoot(r, render)).filter((r) => !kept.some((k) => k.uri === r.uri));
  const roots = [...kept, ...added];
  const told = await ctx.session.setRoots(roots);
  const entry: StepRecord = { phase: ctx.phase, title: step.title, kind: step.kind, location: step.location, status: 'passed' };
  ctx.records.push(entry);
  noteParameters(entry, [
    ['roots', roots.length > 0 ? roots.map((r) => r.uri).join(', ') : '(none)'],
    ['notified', told.length > 0 ? told.join(', ') : 'no server (none connected, or the client does not declare roots.listChanged)'],
  ]);
}
