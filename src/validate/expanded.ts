// Steps of a journey with its includes expanded (each fragment once), for checks that look at the whole
// journey: servers used, step names, success and error coverage.
import { dirname, resolve } from 'node:path';
import type { LoadedFile } from '../load/loadedFile.js';
import type { StepRef } from './walk.js';
import { walkAllSteps } from './walk.js';

export interface IncludeSite {
  source: LoadedFile;
  step: StepRef;
}

export interface ExpandedStep {
  step: StepRef;
  source: LoadedFile;
  /** The journey's include step this step came through; undefined for the journey's own steps. */
  site?: IncludeSite;
}

export type FragmentSources = ReadonlyMap<string, { source: LoadedFile }>;

export function includedPath(source: LoadedFile, step: StepRef): string | undefined {
  const include = step.doc['include'];
  return step.kind === 'include' && typeof include === 'string' ? resolve(dirname(source.absPath), include) : undefined;
}

export function expandedSteps(journey: LoadedFile, fragments: FragmentSources): ExpandedStep[] {
  const out: ExpandedStep[] = [];
  const seen = new Set<string>([journey.absPath]);
  const visit = (source: LoadedFile, fragment: boolean, site: IncludeSite | undefined) => {
    walkAllSteps(source.value, fragment, (step) => {
      out.push(site ? { step, source, site } : { step, source });
      const abs = includedPath(source, step);
      const included = abs === undefined ? undefined : fragments.get(abs);
      if (abs === undefined || !included || seen.has(abs)) return;
      seen.add(abs);
      visit(included.source, true, site ?? { source, step });
    });
  };
  visit(journey, false, undefined);
  return out;
}
