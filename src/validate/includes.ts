// Fragments: found relative to the including file, loaded and checked once each, cycles reported with
// their chain, and `with` matched against the fragment's params.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import { displayPath, loadFragmentFile } from '../load/readYamlFile.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { includedPath } from './expanded.js';
import { checkFile } from './fileChecks.js';
import { closestMatch, didYouMean } from './suggest.js';
import type { ValidationContext } from './types.js';
import type { StepRef } from './walk.js';
import { isRecord, walkAllSteps } from './walk.js';

export interface FragmentEntry {
  source: LoadedFile;
  diagnostics: Diagnostic[];
  conforms: boolean;
}

/** Loads and checks each fragment file once, however many journeys include it. */
export class FragmentStore {
  private readonly entries = new Map<string, FragmentEntry>();

  constructor(private readonly context: ValidationContext) {}

  get(absPath: string): FragmentEntry {
    let entry = this.entries.get(absPath);
    if (!entry) {
      const source = loadFragmentFile(absPath);
      entry = { source, ...checkFile(source, true, this.context) };
      this.entries.set(absPath, entry);
    }
    return entry;
  }

  all(): FragmentEntry[] {
    return [...this.entries.values()];
  }
}

export interface Includes {
  fragments: Map<string, FragmentEntry>;
  diagnostics: Diagnostic[];
}

export function resolveIncludes(journey: LoadedFile, store: FragmentStore): Includes {
  const fragments = new Map<string, FragmentEntry>();
  const diagnostics: Diagnostic[] = [];
  const visit = (source: LoadedFile, fragment: boolean, chain: string[]) => {
    walkAllSteps(source.value, fragment, (step) => {
      const abs = includedPath(source, step);
      if (abs === undefined) return;
      const at = source.locate([...step.path, 'include']);
      const cycleStart = chain.indexOf(abs);
      if (cycleStart >= 0) {
        const cycle = [...chain.slice(cycleStart), abs];
        const loop = cycle.map((p) => displayPath(p)).join(' → ');
        diagnostics.push(diagnostic(source.file, 'JOURNEY_INCLUDE_CYCLE', `include cycle: ${cycle.map((p) => basename(p)).join(' → ')}`, at, {
          found: loop, hint: 'a fragment must not include itself, directly or through other fragments; move the shared steps into a fragment both can include',
        }));
        return;
      }
      if (!isFile(abs)) {
        diagnostics.push(missing(source, step, abs, at));
        return;
      }
      const entry = store.get(abs);
      diagnostics.push(...paramsMismatch(source, step, entry));
      if (fragments.has(abs)) return;
      fragments.set(abs, entry);
      visit(entry.source, true, [...chain, abs]);
    });
  };
  visit(journey, false, [journey.absPath]);
  return { fragments, diagnostics };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function missing(source: LoadedFile, step: StepRef, abs: string, at: ReturnType<LoadedFile['locate']>): Diagnostic {
  const dir = dirname(abs);
  const nearby = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !f.endsWith('.journey.yaml')) : [];
  const written = String(step.doc['include']);
  const near = closestMatch(basename(abs), nearby);
  const suggestion = near ? `did you mean "${relative(dirname(source.absPath), join(dir, near)).split('\\').join('/')}"?` : undefined;
  return diagnostic(source.file, 'JOURNEY_INCLUDE_MISSING', `fragment "${written}" not found`, at, {
    expected: `a fragment file, relative to ${displayPath(dirname(source.absPath))}/`,
    found: `no file ${displayPath(abs)}`,
    hint: suggestion ?? (nearby.length > 0 ? `fragments there: ${nearby.join(', ')}` : 'fragments live in journeys/_shared/; check the path relative to this file'),
  });
}

/** `with` gives every required param (null default), and only declared ones when the fragment has params. */
function paramsMismatch(source: LoadedFile, step: StepRef, entry: FragmentEntry): Diagnostic[] {
  const value = entry.source.value;
  if (!isRecord(value) || !isRecord(value['params'])) return [];
  const params = value['params'];
  const given = isRecord(step.doc['with']) ? step.doc['with'] : {};
  const out: Diagnostic[] = [];
  const names = Object.keys(params);
  for (const key of Object.keys(given)) {
    if (key in params) continue;
    out.push(diagnostic(source.file, 'JOURNEY_INCLUDE_PARAMS', `the fragment has no param "${key}"`, source.keyLocate([...step.path, 'with', key]), {
      expected: `one of ${names.join(', ')}`, found: key, hint: didYouMean(key, names) ?? `remove it, or declare it under params in ${entry.source.file}`,
    }));
  }
  const absent = names.filter((n) => params[n] === null && !(n in given));
  if (absent.length > 0) {
    out.push(diagnostic(source.file, 'JOURNEY_INCLUDE_PARAMS', `missing required param${absent.length > 1 ? 's' : ''} ${absent.map((n) => `"${n}"`).join(', ')} for ${String(step.doc['include'])}`, source.keyLocate([...step.path, 'include']), {
      expected: `with: { ${names.map((n) => `${n}: …`).join(', ')} }`, found: Object.keys(given).length > 0 ? `with: { ${Object.keys(given).join(', ')} }` : 'no with',
      hint: `add with: { ${absent.map((n) => `${n}: …`).join(', ')} }`,
    }));
  }
  return out;
}
