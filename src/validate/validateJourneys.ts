// Every journey is checked before anything runs: load, schema, strings, servers, tools, variables,
// includes, entity rules, matrices, and test_id across files. Diagnostics are collected, never thrown.
import { resolve } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import type { FragmentDoc, JourneyDoc } from '../load/journey.js';
import { loadJourneyFile } from '../load/readYamlFile.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { checkDuplicateTestIds } from './duplicates.js';
import { expandedSteps } from './expanded.js';
import { checkFile } from './fileChecks.js';
import { FragmentStore, resolveIncludes } from './includes.js';
import { checkServerTraits } from './launched.js';
import { checkMatrix, expandMatrix } from './matrix.js';
import { checkCoverage } from './rules.js';
import { checkServersRequired } from './servers.js';
import { checkStepNames } from './stepNames.js';
import type { ValidatedFragment, ValidatedJourney, ValidationContext, ValidationResult } from './types.js';
import { checkVariables } from './variables.js';

interface Checked {
  source: LoadedFile;
  diagnostics: Diagnostic[];
  /** Without errors of its own or in its fragments. */
  clean: boolean;
  fragments: Map<string, ValidatedFragment>;
}

/** `discovered`: what finding the files ran into (src/common/findJourneyFiles.ts), reported first. */
export function validateJourneys(files: readonly string[], context: ValidationContext = {}, discovered: readonly Diagnostic[] = []): ValidationResult {
  const store = new FragmentStore(context);
  const seen = new Set<string>();
  const checked: Checked[] = [];
  for (const file of files) {
    const absPath = resolve(file);
    if (seen.has(absPath)) continue;
    seen.add(absPath);
    checked.push(checkJourney(loadJourneyFile(absPath), store, context));
  }
  const duplicates = checkDuplicateTestIds(checked.map((c) => c.source));
  const fileOrder = [...discovered.map((d) => d.file), ...checked.map((c) => c.source.file), ...store.all().map((f) => f.source.file)];
  const diagnostics = sortAndDedupe([
    ...discovered,
    ...checked.flatMap((c) => c.diagnostics),
    ...store.all().flatMap((f) => f.diagnostics),
    ...duplicates.diagnostics,
  ], fileOrder);
  const sources = new Map<string, string>();
  for (const c of checked) sources.set(c.source.file, c.source.text);
  for (const f of store.all()) sources.set(f.source.file, f.source.text);
  const journeys: ValidatedJourney[] = checked
    .filter((c) => c.clean && !duplicates.files.has(c.source.absPath))
    .flatMap((c) => expandMatrix({ file: c.source.file, absPath: c.source.absPath, doc: c.source.value as JourneyDoc, source: c.source, fragments: c.fragments }, context));
  const checkedJourneys = checked.map((c) => ({ source: c.source, fragments: c.fragments }));
  return { journeys, checkedJourneys, diagnostics, sources, checked: checked.length };
}

function checkJourney(source: LoadedFile, store: FragmentStore, context: ValidationContext): Checked {
  const own = checkFile(source, false, context);
  const diagnostics = [...own.diagnostics];
  const fragments = new Map<string, ValidatedFragment>();
  if (source.value === undefined) return { source, diagnostics, clean: false, fragments };
  const includes = resolveIncludes(source, store);
  diagnostics.push(...includes.diagnostics);
  const steps = expandedSteps(source, includes.fragments);
  diagnostics.push(
    ...checkServersRequired(source, steps, context),
    ...checkMatrix(source, steps, context),
    ...checkServerTraits(source, steps, context),
    ...checkVariables(source, includes.fragments),
    ...checkStepNames(source, steps),
    ...checkCoverage(source, steps),
  );
  let fragmentsClean = true;
  for (const [abs, entry] of includes.fragments) {
    if (!entry.conforms || entry.diagnostics.some((d) => d.severity === 'error')) fragmentsClean = false;
    fragments.set(abs, { doc: entry.source.value as FragmentDoc, source: entry.source });
  }
  const clean = own.conforms && fragmentsClean && !diagnostics.some((d) => d.severity === 'error');
  return { source, diagnostics, clean, fragments };
}

function sortAndDedupe(diagnostics: Diagnostic[], fileOrder: string[]): Diagnostic[] {
  const rank = new Map<string, number>();
  fileOrder.forEach((f) => rank.set(f, rank.get(f) ?? rank.size));
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file}\0${d.start.line}\0${d.start.column}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) =>
    (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) || a.start.line - b.start.line || a.start.column - b.start.column || a.code.localeCompare(b.code));
}
