// test_id identifies a test case across runs and reports, so two files must never share one.
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { isRecord } from './walk.js';

/** Reported at every later file, naming the first one. Returns the files reported. */
export function checkDuplicateTestIds(sources: readonly LoadedFile[]): { diagnostics: Diagnostic[]; files: Set<string> } {
  const first = new Map<string, LoadedFile>();
  const diagnostics: Diagnostic[] = [];
  const files = new Set<string>();
  for (const source of sources) {
    const id = isRecord(source.value) ? source.value['test_id'] : undefined;
    if (typeof id !== 'string' || id === '') continue;
    const key = id.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, source);
      continue;
    }
    const line = earlier.locate(['test_id'])?.start.line ?? 1;
    diagnostics.push(diagnostic(source.file, 'JOURNEY_DUPLICATE_TEST_ID', `test_id ${id} is already used by ${earlier.file}:${line}`, source.locate(['test_id']), {
      expected: 'a test_id no other journey uses', found: `the test_id of ${earlier.file}:${line}`,
      hint: 'give this journey a new UUID: node -e "console.log(crypto.randomUUID())"',
    }));
    files.add(source.absPath);
  }
  return { diagnostics, files };
}
