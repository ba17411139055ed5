// Editors find the schema through the first line, `# yaml-language-server: $schema=<relative path>`.
// Without it authors lose completion and hover help, so its absence (or a wrong path) is a warning.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { FRAGMENT_SCHEMA_PATH, SCHEMA_PATH } from './schema.js';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

export function checkSchemaLine(source: LoadedFile, fragment: boolean): Diagnostic[] {
  if (source.text.trim() === '') return [];
  const schema = fragment ? FRAGMENT_SCHEMA_PATH : SCHEMA_PATH;
  const wanted = relative(dirname(source.absPath), schema).split('\\').join('/');
  const line = `# yaml-language-server: $schema=${wanted}`;
  const first = source.text.split(/\r?\n/, 1)[0] ?? '';
  const match = MODELINE.exec(first);
  if (!match) {
    return [diagnostic(source.file, 'JOURNEY_SCHEMA_LINE', 'the first line does not link the schema, so editors cannot help', { line: 1, column: 1 }, {
      severity: 'warning', expected: line, found: first === '' ? 'an empty line' : first, hint: `insert this first line: ${line}`,
    })];
  }
  const target = match[1] ?? '';
  if (/^[a-z]+:\/\//i.test(target) || existsSync(resolve(dirname(source.absPath), target))) return [];
  const column = first.indexOf(target) + 1;
  return [diagnostic(source.file, 'JOURNEY_SCHEMA_LINE', 'the schema link points at a file that does not exist', { start: { line: 1, column }, end: { line: 1, column: column + target.length } }, {
    severity: 'warning', expected: wanted, found: target, hint: `write: ${line}`,
  })];
}
