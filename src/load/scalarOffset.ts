// Maps an offset in a scalar's value to an offset in its source text, so a diagnostic about `${x}` or a
// broken JSONPath can point at the exact column, whichever quoting style the author chose.
import type { Scalar } from 'yaml';

/**
 * Maps offsets in one scalar's value to its source, preparing what it can once: a scalar with thousands
 * of diagnostics (templates in a long string) must not be rescanned for each of them.
 */
export function offsetMapper(type: Scalar['type'], source: string, value: string): (offset: number) => number {
  if (type === 'PLAIN' && !source.includes('\n')) return (offset) => offset;
  if (type === 'BLOCK_LITERAL') return literalMapper(source, value);
  const map = align(type, source, value);
  if (map) return (offset) => map[Math.max(0, Math.min(offset, value.length))] ?? 0;
  return (offset) => sourceOffset(type, source, value, offset);
}

/**
 * Source offset of every value offset, found by walking both at once: equal characters pair up, folded
 * line breaks and trimmed indentation are stepped over, escapes and '' are read as the one character
 * they stand for. Undefined when the two do not line up (then the slower search is used).
 */
function align(type: Scalar['type'], source: string, value: string): Int32Array | undefined {
  const map = new Int32Array(value.length + 1);
  let i = type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE' ? 1 : type === 'BLOCK_FOLDED' ? source.indexOf('\n') + 1 : 0;
  if (i === 0 && type === 'BLOCK_FOLDED') return undefined;
  let j = 0;
  while (j < value.length) {
    if (i >= source.length) return undefined;
    const s = source[i];
    const v = value[j];
    if (type === 'QUOTE_DOUBLE' && s === '\\') {
      const next = source[i + 1];
      if (next === '\n' || next === '\r') {
        i += 2;
        while (source[i] === ' ' || source[i] === '\t' || source[i] === '\n' || source[i] === '\r') i++;
        continue;
      }
      const length = escapeLength(source, i);
      const code = next === 'U' ? Number.parseInt(source.slice(i + 2, i + 10), 16) : NaN;
      const units = Number.isFinite(code) && code > 0xffff && code <= 0x10ffff ? 2 : 1;
      for (let k = 0; k < units && j < value.length; k++) map[j++] = i;
      i += length;
    } else if (type === 'QUOTE_SINGLE' && s === "'" && source[i + 1] === "'" && v === "'") {
      map[j++] = i;
      i += 2;
    } else if (s === v) {
      map[j++] = i++;
    } else if ((v === ' ' || v === '\n') && (s === '\n' || s === '\r')) {
      map[j++] = i++;
      while (source[i] === ' ' || source[i] === '\t') i++;
    } else if (s === ' ' || s === '\t' || s === '\n' || s === '\r') {
      i++;
    } else {
      return undefined;
    }
  }
  map[value.length] = i;
  return map;
}

/** `source` is the scalar's text as written (quotes included); the result is an offset into it. */
function sourceOffset(type: Scalar['type'], source: string, value: string, offset: number): number {
  if (!source.includes('\n')) {
    if (type === 'PLAIN') return offset;
    if (type === 'QUOTE_SINGLE') return walk(source, 1, offset, (s, i) => (s[i] === "'" && s[i + 1] === "'" ? 2 : 1));
    if (type === 'QUOTE_DOUBLE') return walk(source, 1, offset, escapeLength);
  }
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
function literalMapper(source: string, value: string): (offset: number) => number {
  const sourceLines = source.split('\n');
  const body = sourceLines.slice(1);
  let indent = Infinity;
  for (const l of body) if (l.trim() !== '') indent = Math.min(indent, l.length - l.trimStart().length);
  const shift = Number.isFinite(indent) ? indent : 0;
  // Where each body line starts in the source, and each value line in the value.
  const lineStarts: number[] = [];
  let at = (sourceLines[0]?.length ?? 0) + 1;
  for (const l of body) {
    lineStarts.push(at);
    at += l.length + 1;
  }
  const valueStarts = [0];
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) valueStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = valueStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((valueStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (lineStarts[lo] ?? at) + shift + offset - (valueStarts[lo] ?? 0);
  };
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
