// What every step compiler is given, and the parts that outcome-producing kinds share.
import type { EventuallyDoc, ExpectDoc, StepDoc } from '../../load/journey.js';
import { compileEventually, compileExpect } from '../expectations.js';
import type { EventuallyPlan, ExpectationPlan, SavePlan, SourceLocation, StepPlan } from '../plan.js';
import type { CompileInput, DocPath, Locator } from '../source.js';

export interface StepContext {
  input: CompileInput;
  /** The file the steps are written in. */
  file: string;
  loc: Locator;
  depth: number;
  /** Compiles nested steps (parallel branches, a fragment's steps); given, so a kind needs no import of the dispatcher. */
  steps(docs: StepDoc[] | undefined, at: DocPath, ctx: StepContext): StepPlan[];
}

/** The fields every plan has, filled by the dispatcher before the kind's compiler runs. */
export interface StepBase {
  title: string;
  location: SourceLocation;
  timeoutMs?: number;
}

/** One step being compiled: its common fields and where it is in its document. */
export interface StepSite {
  base: StepBase;
  at: DocPath;
}

export function compileSave(save: Record<string, string> | undefined, at: DocPath, loc: Locator): SavePlan[] {
  return Object.entries(save ?? {}).map(([name, path]) => ({ name, path, location: loc.key([...at, 'save', name]) }));
}

/** `expect`, `save` and `eventually` of a step whose outcome can be checked. */
export function outcomeParts(
  d: { expect?: ExpectDoc; save?: Record<string, string>; eventually?: EventuallyDoc }, site: StepSite, ctx: StepContext,
): { expect: ExpectationPlan; save: SavePlan[]; eventually?: EventuallyPlan } {
  const { at, base } = site;
  const common = { expect: compileExpect(d.expect, [...at, 'expect'], base.location, ctx.loc), save: compileSave(d.save, at, ctx.loc) };
  const eventually = compileEventually(d.eventually, [...at, 'eventually'], ctx.loc);
  return eventually ? { ...common, eventually } : common;
}
