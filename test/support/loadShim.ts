// A tiny stand-in for the loader, for compiler tests only: YAML text → CompileInput with real positions.
// No validation; the inputs are written to be valid.
import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { CompileInput, DocPath, JourneySource, SourceRange } from '../../src/compile/source.js';
import type { FragmentDoc, JourneyDoc } from '../../src/load/journey.js';

export function sourceOf(text: string): { value: unknown; source: JourneySource } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true });
  const range = (offset: number): SourceRange => {
    const { line, col } = lineCounter.linePos(offset);
    return { start: { line, column: col } };
  };
  const source: JourneySource = {
    text,
    locate(path: DocPath) {
      const node = doc.getIn(path, true) as Node | undefined;
      return node?.range ? range(node.range[0]) : undefined;
    },
    keyLocate(path: DocPath) {
      const parent = path.length === 0 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      if (!isMap(parent)) return undefined;
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[path.length - 1]);
      const key = pair?.key as Node | undefined;
      return key?.range ? range(key.range[0]) : undefined;
    },
  };
  return { value: doc.toJS(), source };
}

/** `files` maps absolute paths to YAML; the journey is `main`, every other file is a fragment. */
export function loadShim(main: string, files: Record<string, string>): CompileInput {
  const text = files[main];
  if (text === undefined) throw new Error(`no file ${main}`);
  const { value, source } = sourceOf(text);
  const fragments = new Map<string, { doc: FragmentDoc; source: JourneySource }>();
  for (const [path, fragmentText] of Object.entries(files)) {
    if (path === main) continue;
    const fragment = sourceOf(fragmentText);
    fragments.set(resolve(dirname(main), path), { doc: fragment.value as FragmentDoc, source: fragment.source });
  }
  return { file: main, absPath: main, doc: value as JourneyDoc, source, fragments };
}
