// Names that refer to steps (assertions, a fault's `scope.until`) must name a step of the journey.
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile } from '../load/loadedFile.js';
import type { ExpandedStep } from './expanded.js';
import { didYouMean } from './suggest.js';
import { isRecord } from './walk.js';

export function checkStepNames(journey: LoadedFile, steps: ExpandedStep[]): Diagnostic[] {
  const names = new Set<string>();
  for (const { step } of steps) if (typeof step.doc['name'] === 'string') names.add(step.doc['name']);
  const out: Diagnostic[] = [];
  const check = (name: unknown, source: LoadedFile, at: DocPath) => {
    if (typeof name !== 'string' || names.has(name)) return;
    out.push(diagnostic(source.file, 'JOURNEY_UNKNOWN_STEP', `no step is named "${name}"`, source.locate(at), {
      expected: names.size > 0 ? `the name of a step: ${[...names].map((n) => JSON.stringify(n)).join(', ')}` : 'the name of a step (no step has a name yet)',
      found: JSON.stringify(name),
      hint: didYouMean(name, names) ?? 'give the step a name: and use the same text here',
    }));
  };
  const root = journey.value;
  if (isRecord(root) && Array.isArray(root['assertions'])) {
    root['assertions'].forEach((a, i) => {
      if (!isRecord(a)) return;
      for (const kind of ['latency', 'outcome']) {
        const spec = a[kind];
        if (isRecord(spec)) check(spec['step'], journey, ['assertions', i, kind, 'step']);
      }
    });
  }
  for (const { step, source } of steps) {
    const fault = step.doc['fault'];
    const scope = isRecord(fault) ? fault['scope'] : undefined;
    if (step.kind === 'fault' && isRecord(scope)) check(scope['until'], source, [...step.path, 'fault', 'scope', 'until']);
  }
  return out;
}
