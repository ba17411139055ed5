// Where steps are in a journey or fragment, and which kind each is. Shared by every check, so they all
// agree that a step's kind is its first kind key.
import type { StepKind } from '../load/journey.js';
import type { DocPath } from '../load/loadedFile.js';
import { kindOf, STEP_KINDS } from '../load/stepKinds.js';
import { valueAt } from './describe.js';
export const ASSERTION_KINDS = ['latency', 'outcome', 'that'] as const;
export const PHASES = ['setup_steps', 'test_steps', 'teardown_steps'] as const;

export type Obj = Record<string, unknown>;

export function isRecord(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface StepRef {
  doc: Obj;
  path: DocPath;
  kind: StepKind | undefined;
}

/** The nested step lists of a step (parallel branches), with their paths. */
export function childSteps(step: StepRef): { list: unknown[]; path: DocPath; branches: boolean } | undefined {
  if (step.kind !== 'parallel') return undefined;
  const p = step.doc['parallel'];
  if (Array.isArray(p)) return { list: p, path: [...step.path, 'parallel'], branches: true };
  if (isRecord(p) && Array.isArray(p['steps'])) return { list: p['steps'], path: [...step.path, 'parallel', 'steps'], branches: false };
  return undefined;
}

/** Every step of a list, nested parallel steps included, in document order. */
export function walkSteps(list: unknown, path: DocPath, visit: (step: StepRef) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((doc, i) => {
    if (!isRecord(doc)) return;
    const step: StepRef = { doc, path: [...path, i], kind: kindOf(doc) };
    visit(step);
    const children = childSteps(step);
    if (children) walkSteps(children.list, children.path, visit);
  });
}

/** The top-level step lists of a journey (or a fragment's `steps`), in run order. */
export function phases(root: unknown, fragment: boolean): { list: unknown; path: DocPath }[] {
  if (!isRecord(root)) return [];
  if (fragment) return [{ list: root['steps'], path: ['steps'] }];
  return PHASES.map((key) => ({ list: root[key], path: [key] }));
}

export function walkAllSteps(root: unknown, fragment: boolean, visit: (step: StepRef) => void): void {
  for (const phase of phases(root, fragment)) walkSteps(phase.list, phase.path, visit);
}

/** Paths of the steps (and assertions) that contain `path`, outermost first. */
export function enclosingItems(root: unknown, path: DocPath, fragment: boolean): { path: DocPath; kinds: readonly string[]; kind: string | undefined }[] {
  const items: { path: DocPath; kinds: readonly string[]; kind: string | undefined }[] = [];
  const first = path[0];
  if (!fragment && first === 'assertions' && typeof path[1] === 'number') {
    const at = path.slice(0, 2);
    const doc = valueAt(root, at);
    items.push({ path: at, kinds: ASSERTION_KINDS, kind: isRecord(doc) ? ASSERTION_KINDS.find((k) => k in doc) : undefined });
    return items;
  }
  const isPhase = fragment ? first === 'steps' : (PHASES as readonly unknown[]).includes(first);
  if (!isPhase || typeof path[1] !== 'number') return items;
  let i = 2;
  const push = (end: number) => {
    const at = path.slice(0, end);
    items.push({ path: at, kinds: STEP_KINDS, kind: kindOf(valueAt(root, at)) });
  };
  push(2);
  while (i < path.length) {
    if (path[i] === 'parallel' && typeof path[i + 1] === 'number') {
      push(i + 2);
      i += 2;
    } else if (path[i] === 'parallel' && path[i + 1] === 'steps' && typeof path[i + 2] === 'number') {
      push(i + 3);
      i += 3;
    } else break;
  }
  return items;
}
