// One way to build a diagnostic from a position, so every stage fills the fields alike.
import type { Diagnostic, DiagnosticCode, Position } from '../common/diagnostic.js';
import type { SourceRange } from './loadedFile.js';

export interface DiagnosticDetails {
  expected?: string;
  found?: string;
  hint?: string;
  severity?: Diagnostic['severity'];
}

export function diagnostic(
  file: string,
  code: DiagnosticCode,
  message: string,
  at: SourceRange | Position | undefined,
  details: DiagnosticDetails = {},
): Diagnostic {
  const range = at === undefined ? { start: { line: 1, column: 1 } } : 'start' in at ? at : { start: at };
  const d: Diagnostic = { code, severity: details.severity ?? 'error', message, file, start: range.start };
  if ('end' in range && range.end) d.end = range.end;
  if (details.expected !== undefined) d.expected = details.expected;
  if (details.found !== undefined) d.found = details.found;
  if (details.hint !== undefined) d.hint = details.hint;
  return d;
}

/** 1-based line and column of an offset, for text the YAML parser never saw. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
