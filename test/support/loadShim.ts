// Compiler tests without the file system: YAML text → CompileInput, read by the real loader (positions
// included). No validation; the inputs are written to be valid.
import { dirname, resolve } from 'node:path';
import type { CompileInput, JourneySource } from '../../src/compile/source.js';
import type { FragmentDoc, JourneyDoc } from '../../src/load/journey.js';
import { loadJourneyText } from '../../src/load/readYamlFile.js';

/** `files` maps paths to YAML; the journey is `main` (absolute), every other file a fragment relative to it. */
export function loadShim(main: string, files: Record<string, string>): CompileInput {
  const text = files[main];
  if (text === undefined) throw new Error(`no file ${main}`);
  const source = loadJourneyText(text, main);
  const fragments = new Map<string, { doc: FragmentDoc; source: JourneySource }>();
  for (const [path, fragmentText] of Object.entries(files)) {
    if (path === main) continue;
    const absPath = resolve(dirname(main), path);
    const fragment = loadJourneyText(fragmentText, absPath);
    fragments.set(absPath, { doc: fragment.value as FragmentDoc, source: fragment });
  }
  return { file: main, absPath: main, doc: source.value as JourneyDoc, source, fragments };
}
