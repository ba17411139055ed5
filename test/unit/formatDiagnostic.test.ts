// The code frame is @babel/code-frame's; these pin the parts the golden files do not reach.
import { expect, test } from '@playwright/test';
import type { Diagnostic } from '../../src/common/diagnostic.js';
import { formatDiagnostic } from '../../src/common/formatDiagnostic.js';

const at = (line: number, column: number, end?: Diagnostic['end']): Diagnostic =>
  ({ file: 'j.yaml', start: { line, column }, ...(end ? { end } : {}), severity: 'error', code: 'JOURNEY_SCHEMA', message: 'bad' });

test('a line separator or a lone CR inside a line stays on that line', () => {
  const text = 'a: 1\nb: "x\u2028y"\nc: "p\rq"\n';
  expect(formatDiagnostic(at(2, 4), text)).toBe([
    'j.yaml:2:4 error JOURNEY_SCHEMA bad', '',
    '    1 | a: 1',
    '  > 2 | b: "x\u2028y"',
    '      |    ^',
    '    3 | c: "p\rq"',
  ].join('\n'));
  expect(formatDiagnostic(at(3, 4, { line: 3, column: 9 }), text).split('\n').slice(-2)).toEqual(['  > 3 | c: "p\rq"', '      |    ^^^^^']);
});

test('a long line is cut to a window around the column, with the caret moved along', () => {
  const long = `k: ${'x'.repeat(200)}BAD${'y'.repeat(200)}`;
  const frame = formatDiagnostic(at(1, 204, { line: 1, column: 207 }), long).split('\n').slice(2);
  expect(frame).toEqual([
    `  > 1 | …${'x'.repeat(40)}BAD${'y'.repeat(57)}…`,
    `      | ${' '.repeat(41)}^^^`,
  ]);
});

test('line numbers of different widths line up', () => {
  const text = Array.from({ length: 12 }, (_, i) => `l${i + 1}: v`).join('\n');
  expect(formatDiagnostic(at(10, 1), text).split('\n').slice(2)).toEqual([
    '     8 | l8: v', '     9 | l9: v', '  > 10 | l10: v', '       | ^', '    11 | l11: v',
  ]);
});
