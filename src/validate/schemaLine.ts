// Editors find the schema through the first line, `# yaml-language-server: $schema=<relative path>`.
// Without it authors lose completion and hover help, so its absence (or a wrong path) is a warning.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { LoadedFile } from '../load/loadedFile.js';
import { FRAGMENT_SCHEMA_PATH, SCHEMA_PATH } from './schema.js';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/;

const PACKAGE_ROOT = dirname(dirname(SCHEMA_PATH));

/** The schema as the journey should link it: inside this package, the package's own file; elsewhere the
 * copy the project installed (node_modules/mcp-journeys/schemas/…, the nearest one up from the journey),
 * not wherever this copy of the package happens to run from (a cache, a linked checkout). With none
 * installed yet, `installRoot` names the project that will install it (`init` writes the link first). */
export function schemaLinkFor(journeyDir: string, schema: string, installRoot?: string): string {
  const inPackage = relative(PACKAGE_ROOT, journeyDir);
  if (inPackage.startsWith('..') || isAbsolute(inPackage)) {
    for (let dir = journeyDir; ; dir = dirname(dir)) {
      const installed = join(dir, 'node_modules', 'mcp-journeys', 'schemas', basename(schema));
      if (existsSync(installed)) return relative(journeyDir, installed).split('\\').join('/');
      if (dirname(dir) === dir) break;
    }
    if (installRoot !== undefined) return relative(journeyDir, join(installRoot, 'node_modules', 'mcp-journeys', 'schemas', basename(schema))).split('\\').join('/');
  }
  return relative(journeyDir, schema).split('\\').join('/');
}

export function checkSchemaLine(source: LoadedFile, fragment: boolean): Diagnostic[] {
  if (source.text.trim() === '') return [];
  const schema = fragment ? FRAGMENT_SCHEMA_PATH : SCHEMA_PATH;
  const wanted = schemaLinkFor(dirname(source.absPath), schema);
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
