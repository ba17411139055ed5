import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadJourneyFile, loadJourneyText } from '../../src/load/readYamlFile.js';
import { decodeUtf8 } from '../../src/load/utf8.js';

// Made in beforeAll: module code also runs where Playwright collects tests, and afterAll never runs there.
let dir = '';
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcp-journeys-load-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codes = (text: string) => loadJourneyText(text, '/j/x.journey.yaml', 'x.journey.yaml').diagnostics.map((d) => d.code);

test('locate, keyLocate and locateInString give 1-based positions for every quoting style', () => {
  const text = [
    'test_steps:',
    '  - call: a.b',
    '    args: { q: "say \\"hi\\" ${who}", p: \'it\'\'s ${who}\' }',
    '    plain: see ${who}',
    '    note: |',
    '      first line',
    '      then ${who}',
  ].join('\n');
  const file = loadJourneyText(text, '/j/x.journey.yaml');
  expect(file.diagnostics).toEqual([]);
  expect(file.locate(['test_steps', 0])?.start).toEqual({ line: 2, column: 5 });
  expect(file.keyLocate(['test_steps', 0, 'args'])).toEqual({ start: { line: 3, column: 5 }, end: { line: 3, column: 9 } });
  const line3 = text.split('\n')[2] ?? '';
  const args = file.value as { test_steps: { args: Record<string, string>; note: string; plain: string }[] };
  const step = args.test_steps[0];
  for (const key of ['q', 'p']) {
    const value = step?.args[key] ?? '';
    const at = file.locateInString(['test_steps', 0, 'args', key], value.indexOf('${who}'));
    expect(at?.line).toBe(3);
    expect(line3.slice((at?.column ?? 0) - 1).startsWith('${who}')).toBe(true);
  }
  expect(file.locateInString(['test_steps', 0, 'plain'], 4)).toEqual({ line: 4, column: 16 });
  const note = step?.note ?? '';
  expect(file.locateInString(['test_steps', 0, 'note'], note.indexOf('${who}'))).toEqual({ line: 7, column: 12 });
  expect(file.locate(['nope'])).toBeUndefined();
});

test('positions inside long multi-line strings: every repeat of the same text is found on its own line', () => {
  const lines = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i % 3)}word \${v} ${i}`);
  const text = `a: >\n${lines.map((l) => `  ${l}`).join('\n')}\nb: "x \\U0001F600 \${v}"\n`;
  const file = loadJourneyText(text, '/j/x.journey.yaml', 'x.journey.yaml');
  const value = String((file.value as { a: string }).a);
  let n = 0;
  for (let at = value.indexOf('${v}'); at >= 0; at = value.indexOf('${v}', at + 1), n++) {
    expect(file.locateInString(['a'], at)).toEqual({ line: n + 2, column: 8 + (n % 3) });
  }
  expect(n).toBe(200);
  // An escape standing for two UTF-16 units (a surrogate pair) is one escape in the source.
  const b = String((file.value as { b: string }).b);
  expect(file.locateInString(['b'], b.indexOf('${v}'))).toEqual({ line: 202, column: 18 });
});

test('YAML mistakes become positioned diagnostics, never exceptions', () => {
  expect(codes('a: 1\na: 2\n')).toEqual(['JOURNEY_DUPLICATE_KEY']);
  expect(codes('a:\n\tb: 1\n')).toEqual(['JOURNEY_YAML_TAB']);
  expect(codes('a: 1\n---\nb: 2\n')).toEqual(['JOURNEY_MULTI_DOCUMENT']);
  expect(codes('a: "unclosed\nb: 2\n')).toEqual(['JOURNEY_YAML_SYNTAX']);
  expect(codes('')).toEqual(['JOURNEY_EMPTY']);
  expect(codes('# only a comment\n')).toEqual(['JOURNEY_EMPTY']);
  expect(codes('a: *nowhere\n')).toEqual(['JOURNEY_YAML_SYNTAX']);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'].join('\n');
  expect(codes(bomb)).toEqual(['JOURNEY_ALIAS_LIMIT']);
  expect(codes(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`)).toEqual(['JOURNEY_TOO_DEEP']);
  // The YAML parser itself runs out of memory on this; the loader must refuse it before parsing.
  expect(codes(`a: ${'['.repeat(50_000)}\n`)).toEqual(['JOURNEY_TOO_DEEP']);
  let block = '';
  for (let i = 0; i < 80; i++) block += `${' '.repeat(i * 2)}k${i}:\n`;
  expect(codes(`${block}${' '.repeat(160)}v\n`)).toEqual(['JOURNEY_TOO_DEEP']);
});

test('a key or item indented off its siblings is reported on its own line, with the column it should have', () => {
  const off = (text: string) => loadJourneyText(text, '/tmp/x.journey.yaml').diagnostics.map((d) => [d.code, d.start, d.message, d.expected]);
  expect(off('test_steps:\n  - call: a.b\n     args: { x: 1 }\n')).toEqual([
    ['JOURNEY_YAML_INDENT', { line: 3, column: 6 }, '"args" is indented one space more than "call" on line 2', 'column 5, in line with "call"']]);
  expect(off('test_steps:\n  - call: a.b\n    args: { x: 1 }\n   expect: {}\n')).toEqual([
    ['JOURNEY_YAML_INDENT', { line: 4, column: 4 }, '"expect" is indented one space less than "args" on line 3', 'column 5, in line with "args"']]);
  expect(off('test_steps:\n  - call: a.b\n    # a comment\n\n      args: { x: 1 }\n')).toEqual([
    ['JOURNEY_YAML_INDENT', { line: 5, column: 7 }, '"args" is indented two spaces more than "call" on line 2', 'column 5, in line with "call"']]);
  expect(off('test_steps:\n  - call: a.b\n   - call: c.d\n')).toEqual([
    ['JOURNEY_YAML_INDENT', { line: 3, column: 4 }, '"-" is indented one space more than "-" on line 2', 'column 3, in line with "-"']]);
  // Not an indentation slip: the other syntax diagnostics stay as they were.
  expect(off('description: a: b\n').map((d) => d[0])).toEqual(['JOURNEY_YAML_SYNTAX']);
  expect(off('a: "abc\nb: 2\n').map((d) => d[0])).toEqual(['JOURNEY_YAML_SYNTAX']);
});

test('a duplicate key names the line of the first one', () => {
  const [d] = loadJourneyText('x: 1\ny:\n  z: 1\n  z: 2\n', '/j/x.yaml', 'x.yaml').diagnostics;
  expect(d).toMatchObject({ file: 'x.yaml', start: { line: 4, column: 3 }, found: '"z" again (first at line 3)' });
});

test('invalid UTF-8 is reported at its byte, with the rest of the file still read', () => {
  const path = join(dir, 'latin1.journey.yaml');
  writeFileSync(path, Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\nc: 3\n')]));
  const file = loadJourneyFile(path, 'latin1.journey.yaml');
  expect(file.diagnostics).toHaveLength(1);
  expect(file.diagnostics[0]).toMatchObject({ code: 'JOURNEY_ENCODING', start: { line: 2, column: 7 }, found: 'byte 0xe9' });
  expect(file.value).toEqual({ a: 1, b: 'caf\uFFFD', c: 3 });
});

test('the UTF-8 check agrees with a fatal TextDecoder and finds the first bad byte', () => {
  const valid = Buffer.from('ascii é € 𝄞 done', 'utf8');
  expect(decodeUtf8(valid)).toEqual({ text: 'ascii é € 𝄞 done' });
  const cases: [number[], number][] = [[[0x61, 0xc0, 0x80], 1], [[0xed, 0xa0, 0x80], 0], [[0x61, 0x62, 0xf0, 0x9f], 2], [[0xe2, 0x82], 0], [[0xff], 0]];
  for (const [bytes, at] of cases) expect(decodeUtf8(Uint8Array.from(bytes)).invalidAt).toBe(at);
  expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])).text).toBe('a');
});

test('a missing file is a JOURNEY_READ diagnostic', () => {
  const file = loadJourneyFile(join(dir, 'nope.journey.yaml'), 'nope.journey.yaml');
  expect(file.value).toBeUndefined();
  expect(file.diagnostics.map((d) => [d.code, d.message])).toEqual([['JOURNEY_READ', 'cannot read the file: no such file']]);
});

test('arbitrary bytes never make the loader throw', () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = ['a', ':', ' ', '\n', '-', '[', ']', '{', '}', '"', "'", '&x', '*x', '\t', '#', '|', '>', '? ', ',', '!', '%', '@', '\\'];
  for (let n = 0; n < 300; n++) {
    let text = '';
    for (let i = 0; i < 80; i++) text += alphabet[Math.floor(random() * alphabet.length)] ?? '';
    expect(() => loadJourneyText(text, '/j/r.yaml')).not.toThrow();
  }
});
