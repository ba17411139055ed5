// `${var}` must be defined before use, in run order: vars → setup → test → (assertions) → teardown. A
// step's `save` defines after the step (so its own expect and eventually cannot use it); parallel
// branches cannot see each other's saves; a fragment sees the journey's variables plus its params and
// `with`, and its saves reach the journey.
import type { Diagnostic } from '../common/diagnostic.js';
import { parseTemplate } from '../common/template.js';
import type { TemplatePart } from '../common/template.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile } from '../load/loadedFile.js';
import { factsOf, kindOf } from '../load/stepKinds.js';
import { expandedSteps, includedPath } from './expanded.js';
import type { FragmentSources } from './expanded.js';
import { didYouMean } from './suggest.js';
import type { StepRef } from './walk.js';
import { isRecord, PHASES } from './walk.js';

interface Flow {
  fragments: FragmentSources;
  out: Diagnostic[];
  /** Where each variable is first saved anywhere in the journey, for "saved later" hints. */
  savedAt: Map<string, string>;
  /** Fragments being walked, to stop at include cycles (reported elsewhere). */
  chain: string[];
}

export function checkVariables(journey: LoadedFile, fragments: FragmentSources): Diagnostic[] {
  const root = journey.value;
  if (!isRecord(root)) return [];
  const flow: Flow = { fragments, out: [], savedAt: savedLocations(journey, fragments), chain: [journey.absPath] };
  const scope = new Set<string>();
  if (isRecord(root['vars'])) {
    for (const [name, value] of Object.entries(root['vars'])) {
      checkValue(value, ['vars', name], journey, scope, flow, false);
      scope.add(name);
    }
  }
  // Rendered when the session opens (roots) or a server asks (answers): the journey's vars are known then.
  if (isRecord(root['session'])) checkValue(root['session'], ['session'], journey, scope, flow, false);
  for (const phase of PHASES) {
    if (phase === 'teardown_steps' && Array.isArray(root['assertions'])) {
      root['assertions'].forEach((a, i) => checkValue(a, ['assertions', i], journey, scope, flow, false));
    }
    stepsFlow(root[phase], [phase], journey, false, scope, flow);
  }
  return flow.out;
}

/** Walks a step list in order; returns the names it saved. */
function stepsFlow(list: unknown, at: DocPath, source: LoadedFile, fragment: boolean, scope: Set<string>, flow: Flow): Set<string> {
  const saved = new Set<string>();
  if (!Array.isArray(list)) return saved;
  list.forEach((doc, i) => {
    if (!isRecord(doc)) return;
    for (const name of stepFlow({ doc, path: [...at, i], kind: kindOf(doc) }, source, fragment, scope, flow)) {
      scope.add(name);
      saved.add(name);
    }
  });
  return saved;
}

function stepFlow(step: StepRef, source: LoadedFile, fragment: boolean, scope: Set<string>, flow: Flow): Set<string> {
  const saved = new Set<string>();
  for (const [key, value] of Object.entries(step.doc)) {
    if (key === 'save' || (key === 'parallel' && step.kind === 'parallel')) continue;
    checkValue(value, [...step.path, key], source, scope, flow, fragment);
  }
  const spec = step.kind ? step.doc[step.kind] : undefined;
  if (step.kind === 'references' && isRecord(spec)) {
    // expect.valid / expect.stale must name entries of vars: a rule of the step, checked there.
    const vars = spec['vars'];
    if (Array.isArray(vars)) {
      vars.forEach((name, i) => {
        if (typeof name === 'string' && !scope.has(name)) unknown(name, name, [...step.path, 'references', 'vars', i], 0, source, scope, flow, fragment);
      });
    }
  }
  if (step.kind === 'parallel') {
    const p = step.doc['parallel'];
    if (Array.isArray(p)) {
      p.forEach((doc, i) => {
        if (isRecord(doc)) for (const n of stepFlow({ doc, path: [...step.path, 'parallel', i], kind: kindOf(doc) }, source, fragment, new Set(scope), flow)) saved.add(n);
      });
    } else if (isRecord(p)) {
      for (const n of stepsFlow(p['steps'], [...step.path, 'parallel', 'steps'], source, fragment, new Set(scope), flow)) saved.add(n);
    }
  }
  if (step.kind === 'include') for (const n of includeFlow(step, source, scope, flow)) saved.add(n);
  if (step.kind) for (const own of factsOf(step.kind).saves(spec)) saved.add(own.name);
  if (isRecord(step.doc['save'])) for (const name of Object.keys(step.doc['save'])) saved.add(name);
  return saved;
}

function includeFlow(step: StepRef, source: LoadedFile, scope: Set<string>, flow: Flow): Set<string> {
  const abs = includedPath(source, step);
  const fragment = abs === undefined ? undefined : flow.fragments.get(abs);
  if (abs === undefined || !fragment || flow.chain.includes(abs) || !isRecord(fragment.source.value)) return new Set();
  const value = fragment.source.value;
  const params = isRecord(value['params']) ? value['params'] : {};
  const given = isRecord(step.doc['with']) ? step.doc['with'] : {};
  const inner = new Set([...scope, ...Object.keys(params), ...Object.keys(given)]);
  for (const [name, fallback] of Object.entries(params)) checkValue(fallback, ['params', name], fragment.source, inner, flow, true);
  const nested: Flow = { ...flow, chain: [...flow.chain, abs] };
  return stepsFlow(value['steps'], ['steps'], fragment.source, true, inner, nested);
}

function checkValue(value: unknown, at: DocPath, source: LoadedFile, scope: Set<string>, flow: Flow, fragment: boolean): void {
  if (typeof value === 'string') {
    if (!value.includes('${')) return;
    let parts: TemplatePart[];
    try {
      parts = parseTemplate(value);
    } catch {
      return; // a template syntax error, reported by the string checks
    }
    for (const part of parts) {
      if (part.kind === 'ref' && part.ref.type === 'var' && !scope.has(part.ref.name)) {
        unknown(part.ref.name, part.source, at, part.offset, source, scope, flow, fragment);
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, [...at, i], source, scope, flow, fragment));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) checkValue(item, [...at, key], source, scope, flow, fragment);
  }
}

function unknown(name: string, written: string, at: DocPath, offset: number, source: LoadedFile, scope: Set<string>, flow: Flow, fragment: boolean): void {
  const start = source.locateInString(at, offset) ?? source.locate(at)?.start;
  const range = start && { start, end: { line: start.line, column: start.column + written.length } };
  const later = flow.savedAt.get(name);
  const known = [...scope];
  const hint = later
    ? `"${name}" is saved at ${later}; a step can use only variables saved by earlier steps`
    : didYouMean(name, known) ?? (fragment
      ? `declare "${name}" under params and pass it with "with:" in the include step`
      : `define it under vars, or save it from an earlier step: save: { ${name}: $.id }`);
  flow.out.push(diagnostic(source.file, 'JOURNEY_UNKNOWN_VARIABLE', later ? `variable "${name}" is used before it is saved` : `unknown variable "${name}"`, range, {
    expected: known.length > 0 ? `a variable defined before this point: ${known.join(', ')}` : 'a variable defined before this point (none yet), or env.NAME, run.id, fixtures',
    found: written,
    hint,
  }));
}

function savedLocations(journey: LoadedFile, fragments: FragmentSources): Map<string, string> {
  const out = new Map<string, string>();
  for (const { step, source } of expandedSteps(journey, fragments)) {
    const names: [string, DocPath][] = [];
    if (isRecord(step.doc['save'])) for (const name of Object.keys(step.doc['save'])) names.push([name, [...step.path, 'save', name]]);
    if (step.kind) for (const own of factsOf(step.kind).saves(step.doc[step.kind])) names.push([own.name, [...step.path, ...own.path]]);
    for (const [name, path] of names) {
      if (out.has(name)) continue;
      const line = (source.keyLocate(path) ?? source.locate(path))?.start.line ?? 1;
      out.set(name, source === journey ? `line ${line}` : `${source.file}:${line}`);
    }
  }
  return out;
}
