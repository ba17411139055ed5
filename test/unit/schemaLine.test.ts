// The JOURNEY_SCHEMA_LINE hint of a journey outside the package points at the schema the project
// installed (node_modules/mcp-journeys/schemas/…), not at wherever this copy of the package runs from.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { loadJourneyFile } from '../../src/load/readYamlFile.js';
import { checkSchemaLine, schemaLinkFor } from '../../src/validate/schemaLine.js';
import { SCHEMA_PATH } from '../../src/validate/schema.js';

const SCHEMAS = fileURLToPath(new URL('../../schemas', import.meta.url));

test('outside the package the hint names the installed schema, relative to the journey', () => {
  const project = mkdtempSync(join(tmpdir(), 'mcpj-schema-line-'));
  try {
    const file = join(project, 'journeys/files/a.journey.yaml');
    mkdirSync(join(project, 'journeys/files'), { recursive: true });
    writeFileSync(file, 'test_id: x\n');
    // Without an installed copy the hint can only name this one.
    expect(schemaLinkFor(join(project, 'journeys/files'), SCHEMA_PATH)).toMatch(/^(\.\.\/)+.*schemas\/journey\.schema\.json$/);
    mkdirSync(join(project, 'node_modules/mcp-journeys'), { recursive: true });
    // A linked install (npm link, a file: dependency) is a symbolic link to a checkout elsewhere.
    symlinkSync(SCHEMAS, join(project, 'node_modules/mcp-journeys/schemas'));
    const [warning] = checkSchemaLine(loadJourneyFile(file), false);
    expect(warning?.hint).toBe('insert this first line: # yaml-language-server: $schema=../../node_modules/mcp-journeys/schemas/journey.schema.json');
    writeFileSync(file, '# yaml-language-server: $schema=../../nowhere.json\ntest_id: x\n');
    expect(checkSchemaLine(loadJourneyFile(file), true)[0]?.expected).toBe('../../node_modules/mcp-journeys/schemas/fragment.schema.json');
    // The line the hint gives resolves, so it is no warning.
    writeFileSync(file, '# yaml-language-server: $schema=../../node_modules/mcp-journeys/schemas/journey.schema.json\ntest_id: x\n');
    expect(checkSchemaLine(loadJourneyFile(file), false)).toEqual([]);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('inside the package the hint stays the package\'s own schema', () => {
  expect(schemaLinkFor(fileURLToPath(new URL('../../journeys/stale', import.meta.url)), SCHEMA_PATH)).toBe('../../schemas/journey.schema.json');
});
