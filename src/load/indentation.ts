// A key or list item indented a little off its siblings makes the YAML parser report the line above
// ("nested mappings are not allowed in compact mappings") or a missing dash. Authors need the line that
// is off, its column and the column it should have: this finds them in the lines around the error.

interface Shape {
  line: number;
  /** 0-based column of the first character. */
  indent: number;
  /** 0-based column of the key, after any dashes. */
  keyColumn: number;
  key?: string;
  dash: boolean;
  /** Ends with a colon (or is a bare dash): deeper lines below it are its value. */
  opens: boolean;
}

interface Level {
  column: number;
  kind: 'key' | 'dash';
  shape: Shape;
}

export interface Misindented {
  line: number;
  /** 1-based, as diagnostics count. */
  column: number;
  expectedColumn: number;
  /** How the line that is off is named: `"args"`, or `"-"` for an item. */
  what: string;
  /** The line it should line up with, and how that one is named. */
  reference: { line: number; what: string };
  width: number;
}

const KEY = /^((?:"[^"]*"|'[^']*'|[^\s#'"{[\]}|>&*!%@`,:-][^#:]*?|-[^\s#:][^#:]*?)):(?:\s+(.*))?$/;

function shapeOf(text: string, line: number): Shape | undefined {
  const body = text.trimStart();
  if (body === '' || body.startsWith('#')) return undefined;
  const indent = text.length - body.length;
  const dashes = /^(?:-(?: +|$))+/.exec(body)?.[0] ?? '';
  const rest = body.slice(dashes.length);
  const key = KEY.exec(rest);
  const value = (key?.[2] ?? '').replace(/(^|\s)#.*$/, '').trim();
  const dash = dashes.length > 0;
  if (!key && !dash) return undefined;
  const opens = key ? value === '' || /^[|>][-+0-9]*$/.test(value) : rest.trim() === '';
  const shape: Shape = { line, indent, keyColumn: indent + dashes.length, dash, opens };
  if (key?.[1] !== undefined) shape.key = key[1];
  return shape;
}

function nameOf(shape: Shape, kind: Level['kind']): string {
  return kind === 'key' && shape.key !== undefined ? `"${shape.key}"` : '"-"';
}

/**
 * The line at or just after `errorLine` whose indentation matches none of the columns it could line up
 * with, if there is one. `lineAt` gives a 1-based line's text.
 */
export function misindentedLine(lineAt: (line: number) => string, lineCount: number, errorLine: number): Misindented | undefined {
  const next = nextContent(lineAt, lineCount, errorLine + 1);
  for (const candidate of next === undefined ? [errorLine] : [errorLine, next]) {
    const found = check(lineAt, candidate);
    if (found) return found;
  }
  return undefined;
}

function nextContent(lineAt: (line: number) => string, lineCount: number, from: number): number | undefined {
  for (let line = from; line <= lineCount && line < from + 50; line++) {
    const body = lineAt(line).trim();
    if (body !== '' && !body.startsWith('#')) return line;
  }
  return undefined;
}

function check(lineAt: (line: number) => string, line: number): Misindented | undefined {
  const shape = shapeOf(lineAt(line), line);
  if (!shape) return undefined;
  const levels: Level[] = [];
  let above: Shape | undefined;
  let min = Infinity;
  for (let l = line - 1; l >= 1 && min > 0; l--) {
    const s = shapeOf(lineAt(l), l);
    if (!s) continue;
    if (!above) {
      above = s;
      // Deeper than a key that opens a block: nested, as it should be.
      if (s.opens && shape.indent > s.keyColumn) return undefined;
      if (s.opens && s.dash && shape.indent > s.indent) return undefined;
    }
    if (s.indent >= min) continue;
    min = s.indent;
    levels.push({ column: s.keyColumn, kind: 'key', shape: s });
    if (s.dash) levels.push({ column: s.indent, kind: 'dash', shape: s });
    // `key:` may hold its list at its own column.
    if (s.opens && !s.dash) levels.push({ column: s.indent, kind: 'dash', shape: s });
  }
  if (!above) return undefined;
  const kind: Level['kind'] = shape.dash ? 'dash' : 'key';
  const candidates = levels.filter((l) => l.kind === kind);
  if (candidates.length === 0 || candidates.some((l) => l.column === shape.indent)) return undefined;
  // The nearest column; on a tie the deeper one (the line above is the likelier sibling).
  let best: Level | undefined;
  for (const level of candidates) {
    const distance = Math.abs(level.column - shape.indent);
    const bestDistance = best ? Math.abs(best.column - shape.indent) : Infinity;
    if (distance < bestDistance || (distance === bestDistance && best && level.column > best.column)) best = level;
  }
  if (!best) return undefined;
  const what = nameOf(shape, kind);
  return {
    line,
    column: shape.indent + 1,
    expectedColumn: best.column + 1,
    what,
    reference: { line: best.shape.line, what: nameOf(best.shape, best.kind) },
    width: kind === 'key' ? (shape.key?.length ?? 1) : 1,
  };
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "one space", "two spaces", "12 spaces". */
export function spaces(n: number): string {
  return `${WORDS[n] ?? String(n)} space${n === 1 ? '' : 's'}`;
}
