// YAML text → a LoadedFile. Everything that can go wrong becomes a diagnostic with a position; nothing the
// author writes can make this throw, hang or exhaust memory.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { messageOf } from '../common/messageOf.js';
import { withPlainEnv } from './plainEnv.js';
import type { Node, YAMLError } from 'yaml';
import type { Diagnostic, Position } from '../common/diagnostic.js';
import { diagnostic, positionAt } from './diagnose.js';
import type { DocPath, LoadedFile, SourceRange } from './loadedFile.js';
import { offsetMapper } from './scalarOffset.js';
import { misindentedLine, spaces } from './indentation.js';
import { flowDepthOverflow, syntaxHint } from './yamlChecks.js';

/** Journeys need a handful of levels; anything deeper is a mistake or an attack. */
export const MAX_DEPTH = 64;
/** Aliases beyond this many expansions are treated as a "billion laughs" document. */
export const MAX_ALIAS_COUNT = 100;

export interface ParseOptions {
  file: string;
  absPath: string;
  /** What an empty file should have contained, for the hint. */
  emptyHint: string;
  /** Diagnostics found before parsing (e.g. encoding). */
  diagnostics?: Diagnostic[];
}

export function parseYamlText(text: string, options: ParseOptions): LoadedFile {
  const { file } = options;
  const diagnostics = [...(options.diagnostics ?? [])];
  const unparsed = (): LoadedFile => ({
    file, absPath: options.absPath, text, value: undefined, diagnostics, locate: none, keyLocate: none, locateInString: none,
  });
  if (text.trim() === '') {
    diagnostics.push(diagnostic(file, 'JOURNEY_EMPTY', 'the file is empty', { line: 1, column: 1 }, { hint: options.emptyHint }));
    return unparsed();
  }
  const overflow = flowDepthOverflow(text, MAX_DEPTH * 4);
  if (overflow !== undefined) {
    diagnostics.push(tooDeep(file, positionAt(text, overflow)));
    return unparsed();
  }
  const lineCounter = new LineCounter();
  const doc = withPlainEnv(() => parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false }));
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const range = (node: Node | undefined | null): SourceRange | undefined =>
    node?.range ? { start: pos(node.range[0]), end: pos(node.range[1]) } : undefined;
  let fatal = false;
  // Syntax errors cascade (an unclosed quote misreads the rest of the file): after a tab only tabs are
  // reported, otherwise the first syntax error only.
  let syntax = doc.errors.some((e) => e.code === 'TAB_AS_INDENT');
  const lineAt = (line: number): string => lineText(text, lineCounter, line);
  for (const error of doc.errors) {
    const d = yamlError(error, file, text, pos, lineAt);
    if (d.code !== 'JOURNEY_MULTI_DOCUMENT') fatal = true;
    if (d.code === 'JOURNEY_YAML_SYNTAX') {
      if (syntax) continue;
      syntax = true;
      const off = INDENT_SYMPTOMS.has(error.code) ? misindentedLine(lineAt, lineCounter.lineStarts.length, d.start.line) : undefined;
      if (off) {
        diagnostics.push(misindented(file, off));
        continue;
      }
    }
    diagnostics.push(d);
  }
  const shape = inspect(doc.contents, file, range);
  diagnostics.push(...shape.diagnostics);
  if (shape.tooDeep) fatal = true;
  let value: unknown;
  if (!fatal) {
    if (doc.contents === null) {
      diagnostics.push(diagnostic(file, 'JOURNEY_EMPTY', 'the file has no content, only comments', { line: 1, column: 1 }, { hint: options.emptyHint }));
    } else {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        diagnostics.push(aliasError(error, file, range(shape.firstAlias)));
      }
    }
  }
  const getNode = (path: DocPath): Node | undefined => {
    if (path.length === 0) return doc.contents ?? undefined;
    const node: unknown = doc.getIn(path, true);
    return node !== null && typeof node === 'object' ? (node as Node) : undefined;
  };
  const getKey = (path: DocPath): Node | undefined => {
    const parent = getNode(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent) || last === undefined) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    return isScalar(pair?.key) ? pair.key : undefined;
  };
  const mappers = new WeakMap<Node, (offset: number) => number>();
  return {
    file,
    absPath: options.absPath,
    text,
    value,
    diagnostics,
    locate: (path) => range(getNode(path)),
    keyLocate: (path) => range(getKey(path)),
    locateInString(path, offset, key = false) {
      const node = key ? getKey(path) : getNode(path);
      if (!isScalar(node) || !node.range) return undefined;
      let mapper = mappers.get(node);
      if (!mapper) {
        mapper = offsetMapper(node.type, text.slice(node.range[0], node.range[1]), String(node.value));
        mappers.set(node, mapper);
      }
      return pos(node.range[0] + mapper(offset));
    },
  };
}

function none(): undefined {
  return undefined;
}

function tooDeep(file: string, at: Position | SourceRange | undefined): Diagnostic {
  return diagnostic(file, 'JOURNEY_TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels`, at, {
    hint: 'flatten the document: a journey needs only a few levels (steps → step → args)',
  });
}

/** A 1-based line's text, without its line break, from the parser's own line index (no split per call). */
function lineText(text: string, lines: LineCounter, line: number): string {
  const start = lines.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = lines.lineStarts[line];
  return text.slice(start, next === undefined ? text.length : next - 1);
}

function yamlError(error: YAMLError, file: string, text: string, pos: (offset: number) => Position, lineAt: (line: number) => string): Diagnostic {
  // Errors found at the very end (an unclosed quote) point at the end of the last line, not past it.
  const last = Math.max(0, text.trimEnd().length);
  const at = { start: pos(Math.min(error.pos[0], last)), end: pos(Math.min(error.pos[1], last)) };
  if (error.code === 'MULTIPLE_DOCS') {
    return diagnostic(file, 'JOURNEY_MULTI_DOCUMENT', 'the file holds more than one YAML document', at.start, {
      expected: 'one journey per file', found: 'a "---" document separator',
      hint: 'move the next document into its own *.journey.yaml file (only the first one was checked)',
    });
  }
  if (error.code === 'TAB_AS_INDENT') {
    return diagnostic(file, 'JOURNEY_YAML_TAB', 'tab character in indentation', at, {
      expected: 'spaces', found: 'a tab', hint: 'YAML forbids tabs for indentation: indent with spaces (set your editor to insert spaces)',
    });
  }
  const line = lineAt(at.start.line);
  return diagnostic(file, 'JOURNEY_YAML_SYNTAX', `YAML syntax error: ${lowerFirst(error.message)}`, at, { hint: syntaxHint(error.code, line) });
}

/** What the parser says when a line is indented off its siblings (it reports the line above, or a missing dash). */
const INDENT_SYMPTOMS = new Set<YAMLError['code']>(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT', 'MISSING_CHAR']);

function misindented(file: string, off: NonNullable<ReturnType<typeof misindentedLine>>): Diagnostic {
  const by = Math.abs(off.column - off.expectedColumn);
  const more = off.column > off.expectedColumn;
  return diagnostic(file, 'JOURNEY_YAML_INDENT',
    `${off.what} is indented ${spaces(by)} ${more ? 'more' : 'less'} than ${off.reference.what} on line ${off.reference.line}`,
    { start: { line: off.line, column: off.column }, end: { line: off.line, column: off.column + off.width } }, {
      expected: `column ${off.expectedColumn}, in line with ${off.reference.what}`, found: `column ${off.column}`,
      hint: `${more ? 'remove' : 'add'} ${spaces(by)} before ${off.what}: the keys of one mapping (and the items of one list) start in the same column`,
    });
}

function aliasError(error: unknown, file: string, at: SourceRange | undefined): Diagnostic {
  const message = messageOf(error);
  if (/alias count/i.test(message)) {
    return diagnostic(file, 'JOURNEY_ALIAS_LIMIT', `aliases expand to more than ${MAX_ALIAS_COUNT} nodes`, at, {
      found: 'aliases that refer to other aliases, multiplying the document ("billion laughs")',
      hint: 'write the values out, or use fewer aliases; an include fragment shares steps without YAML aliases',
    });
  }
  const unresolved = /Unresolved alias[^:]*: (.*)$/.exec(message);
  if (unresolved) {
    return diagnostic(file, 'JOURNEY_YAML_SYNTAX', `unknown alias *${unresolved[1] ?? ''}`, at, {
      hint: 'an alias must refer to an anchor (&name) defined earlier in the file',
    });
  }
  return diagnostic(file, 'JOURNEY_YAML_SYNTAX', `cannot read the YAML: ${message}`, at);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

interface Shape {
  diagnostics: Diagnostic[];
  tooDeep: boolean;
  firstAlias?: Node;
}

/** One bounded walk: duplicate keys, depth, and the first alias (where an alias bomb is reported). */
function inspect(root: Node | null, file: string, range: (node: Node | undefined) => SourceRange | undefined): Shape {
  const shape: Shape = { diagnostics: [], tooDeep: false };
  const visit = (node: unknown, depth: number): void => {
    if (shape.tooDeep) return;
    if (depth > MAX_DEPTH) {
      shape.tooDeep = true;
      shape.diagnostics.push(tooDeep(file, range(node as Node)));
      return;
    }
    if (isAlias(node)) {
      shape.firstAlias ??= node;
    } else if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          const first = seen.get(key);
          if (first) shape.diagnostics.push(duplicateKey(file, key, range(pair.key), range(first)));
          else seen.set(key, pair.key);
        }
        visit(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(root, 1);
  return shape;
}

function duplicateKey(file: string, key: string, at: SourceRange | undefined, first: SourceRange | undefined): Diagnostic {
  return diagnostic(file, 'JOURNEY_DUPLICATE_KEY', `duplicate key "${key}"`, at, {
    expected: 'each key once per mapping',
    found: `"${key}" again${first ? ` (first at line ${first.start.line})` : ''}`,
    hint: 'remove one of them or merge their values; YAML would silently keep only the last',
  });
}
