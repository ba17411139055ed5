// TEMPORARY: stands in for the validator's `validateJourneys` until it lands (A1), built only from the
// loader and the schema check that already exist: load each journey and the fragments it includes,
// check both against the schema. Semantic rules (unknown variables, servers, tools) are A1's.
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import type { FragmentDoc, JourneyDoc } from '../load/journey.js';
import { loadFragmentFile, loadJourneyFile } from '../load/loadFile.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { getValidators } from '../validate/schema.js';
import { schemaDiagnostics } from '../validate/schemaDiagnostics.js';
import type { ValidatedFragment, ValidatedJourney, ValidationContext, ValidationResult } from '../validate/types.js';

function check(source: LoadedFile, fragment: boolean): Diagnostic[] {
  if (source.diagnostics.length > 0 || source.value === undefined) return source.diagnostics;
  const validate = fragment ? getValidators().fragment : getValidators().journey;
  return validate(source.value) ? [] : schemaDiagnostics(validate.errors ?? [], source, fragment);
}

function includes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(includes);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = typeof record['include'] === 'string' ? [record['include']] : [];
  return [...own, ...Object.values(record).flatMap(includes)];
}

export function validateJourneys(files: string[], _context: ValidationContext): ValidationResult {
  const journeys: ValidatedJourney[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const path of files) {
    const source = loadJourneyFile(path);
    sources.set(source.file, source.text);
    const found = check(source, false);
    const fragments = new Map<string, ValidatedFragment>();
    const pending = includes(source.value).map((p) => resolve(dirname(source.absPath), p));
    while (pending.length > 0) {
      const abs = pending.shift() ?? '';
      if (fragments.has(abs)) continue;
      const fragment = loadFragmentFile(abs);
      sources.set(fragment.file, fragment.text);
      found.push(...check(fragment, true));
      fragments.set(abs, { doc: fragment.value as FragmentDoc, source: fragment });
      pending.push(...includes(fragment.value).map((p) => resolve(dirname(abs), p)));
    }
    diagnostics.push(...found);
    if (!found.some((d) => d.severity === 'error')) {
      journeys.push({ file: source.file, absPath: source.absPath, doc: source.value as JourneyDoc, source, fragments });
    }
  }
  return { journeys, diagnostics, sources, checked: files.length };
}
