// Maps an offset in a scalar's value to an offset in its source text, so a diagnostic about `${x}` or a
// broken JSONPath can point at the exact column, whichever quoting style the author chose.
import type { Scalar } from 'yaml';

/** `source` is the scalar's text as written (quotes included); the result is an offset into it. */
export function sourceOffset(type: Scalar['type'], source: string, value: string, offset: number): number {
  if (!source.includes('\n')) {
    if (type === 'PLAIN') return offset;
    if (type === 'QUOTE_SINGLE') return walk(source, 1, offset, (s, i) => (s[i] === "'" && s[i + 1] === "'" ? 2 : 1));
    if (type === 'QUOTE_DOUBLE') return walk(source, 1, offset, escapeLength);
  }
  if (type === 'BLOCK_LITERAL') return literalOffset(source, value, offset);
  return searchOffset(source, value, offset);
}

function walk(source: string, start: number, offset: number, step: (s: string, i: number) => number): number {
  let i = start;
  for (let v = 0; v < offset && i < source.length; v++) i += step(source, i);
  return i;
}

function escapeLength(source: string, i: number): number {
  if (source[i] !== '\\') return 1;
  const next = source[i + 1];
  if (next === 'x') return 4;
  if (next === 'u') return 6;
  if (next === 'U') return 10;
  return 2;
}

/** `|` blocks keep lines as they are, minus the indentation of the block. */
function literalOffset(source: string, value: string, offset: number): number {
  const valueLines = value.slice(0, offset).split('\n');
  const lineIndex = valueLines.length - 1;
  const column = valueLines[lineIndex]?.length ?? 0;
  const sourceLines = source.split('\n');
  const body = sourceLines.slice(1);
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  let at = (sourceLines[0]?.length ?? 0) + 1;
  for (let i = 0; i < lineIndex; i++) at += (body[i]?.length ?? 0) + 1;
  return at + (Number.isFinite(indent) ? indent : 0) + column;
}

/** Folded and multi-line scalars: find the same text near the offset in the source. */
function searchOffset(source: string, value: string, offset: number): number {
  for (const length of [12, 6, 2, 1]) {
    const needle = value.slice(offset, offset + length);
    if (needle.length === 0) break;
    let occurrence = 0;
    for (let i = value.indexOf(needle); i >= 0 && i < offset; i = value.indexOf(needle, i + 1)) occurrence++;
    let at = -1;
    for (let n = 0; n <= occurrence; n++) {
      at = source.indexOf(needle, at + 1);
      if (at < 0) break;
    }
    if (at >= 0) return at;
  }
  return 0;
}
