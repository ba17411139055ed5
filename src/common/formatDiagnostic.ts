// Diagnostics as people read them: `file:line:col`, a code frame with a caret, expected/found and a hint.
// Deterministic (golden files compare it byte for byte): no colour, no absolute paths added, no stacks.
import { codeFrameColumns } from '@babel/code-frame';
import type { BabelCodeFrameOptions } from '@babel/code-frame';
import type { Diagnostic } from './diagnostic.js';

/** Source text by diagnostic file; undefined means "no frame". */
export type SourceLookup = (file: string) => string | undefined;

export function formatDiagnostic(d: Diagnostic, text: string | undefined): string {
  return format(d, text === undefined ? undefined : sourceLines(text));
}

function format(d: Diagnostic, source: readonly string[] | undefined): string {
  const lines = [`${d.file}:${d.start.line}:${d.start.column} ${d.severity} ${d.code} ${d.message}`];
  const frame = source === undefined ? undefined : codeFrame(source, d);
  if (frame) lines.push('', frame);
  const details: [string, string | undefined][] = [['expected', d.expected], ['found', d.found], ['hint', d.hint]];
  const present = details.filter(([, v]) => v !== undefined && v !== '');
  if (present.length > 0) lines.push('');
  for (const [label, value] of present) lines.push(`  ${`${label}:`.padEnd(10)}${oneLine(value ?? '')}`);
  return lines.join('\n');
}

/** Every diagnostic, then the summary line. `journeys` is how many files were checked. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceLookup, journeys: number): string {
  // A file is split into lines once, not once per diagnostic: thousands of diagnostics in a 5 MB journey
  // would otherwise take minutes.
  const split = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string): readonly string[] | undefined => {
    if (!split.has(file)) {
      const text = sources(file);
      split.set(file, text === undefined ? undefined : sourceLines(text));
    }
    return split.get(file);
  };
  const blocks = diagnostics.map((d) => format(d, linesOf(d.file)));
  blocks.push(summary(diagnostics, journeys));
  return `${blocks.join('\n\n')}\n`;
}

export function summary(diagnostics: readonly Diagnostic[], journeys: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  if (errors === 0 && warnings === 0) return `${plural(journeys, 'journey')} valid`;
  const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
  const where = `${counts} in ${plural(files, 'file')}`;
  return errors === 0 ? `${where}; ${plural(journeys, 'journey')} valid` : where;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ↵ ');
}

/** Lines wider than this are cut to a window around the column, so minified or deep lines stay readable. */
const MAX_WIDTH = 100;
/** Line breaks to @babel/code-frame besides \n; YAML reads them as line content. */
const FRAME_BREAKS = /[\r\u2028\u2029]/g;

/** The lines of a file, or none when it holds only whitespace (no frame then). */
function sourceLines(text: string): readonly string[] {
  if (text.trim() === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function codeFrame(lines: readonly string[], d: Diagnostic): string | undefined {
  const line = lines[d.start.line - 1];
  if (line === undefined) return undefined;
  const column = Math.min(d.start.column, line.length + 1);
  // A range over several lines is underlined to the end of its first line.
  const end = !d.end ? column + 1 : d.end.line === d.start.line ? d.end.column : line.trimEnd().length + 1;
  const first = Math.max(1, d.start.line - 2);
  const last = Math.min(lines.length, d.start.line + 1);
  const from = line.length > MAX_WIDTH ? Math.max(0, column - 1 - 40) : 0;
  const cut = (l: string): string => {
    if (l.length <= MAX_WIDTH) return l;
    const piece = l.slice(from, from + MAX_WIDTH);
    return `${from > 0 ? '…' : ''}${piece}${from + MAX_WIDTH < l.length ? '…' : ''}`;
  };
  const shown = Math.max(1, column + (from > 0 ? 1 - from : 0));
  const lead = cut(line).slice(0, shown - 1);
  const carets = Math.max(1, Math.min(end - column, MAX_WIDTH - lead.length));
  const restore = protectBreaks(lines.slice(first - 1, last).join('\n'));
  // Only the shown lines are handed over; `startLine` (in @babel/code-frame, not yet in its types) numbers them.
  const window = lines.slice(first - 1, last).map((l) => restore.hide(cut(l)));
  const options: BabelCodeFrameOptions & { startLine: number } = { highlightCode: false, linesAbove: 2, linesBelow: 1, startLine: first };
  const frame = codeFrameColumns(window.join('\n'), {
    start: { line: d.start.line, column: shown },
    end: { line: d.start.line, column: shown + carets },
  }, options);
  return restore.show(frame).split('\n').map((l) => `  ${l}`).join('\n');
}

/** Stand-ins (private-use characters absent from `text`) for the breaks code-frame would split on. */
function protectBreaks(text: string): { hide(s: string): string; show(s: string): string } {
  const found = [...new Set(text.match(FRAME_BREAKS) ?? [])];
  if (found.length === 0) return { hide: (s) => s, show: (s) => s };
  const stand: string[] = [];
  for (let code = 0xe000; stand.length < found.length; code++) {
    const c = String.fromCharCode(code);
    if (!text.includes(c)) stand.push(c);
  }
  const swap = (s: string, a: readonly string[], b: readonly string[]): string =>
    [...s].map((c) => { const i = a.indexOf(c); return i < 0 ? c : b[i] ?? c; }).join('');
  return { hide: (s) => swap(s, found, stand), show: (s) => swap(s, stand, found) };
}
