// `validate --live` judges every well-formed call step, in files with other problems too, without
// repeating a tool name the static checks already reported.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkLive, liveServerNames } from '../../src/validate/live.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';

let dir = '';
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcpj-live-checks-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BROKEN = `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b30
test_name: broken
description: d
servers_required: [codebase-mcp, workflow-mcp]
test_steps:
  - call: codebase-mcp.search_code
    args: { query: 42 }
    expct: { outcome: ok }
  - call: codebase-mcp.search_code
    args: not a mapping
  - call: codebase-mcp.nope
  - call: codebase-mcp.get_code_chunks
    expect: { error: x }
`;

const SEARCH = { type: 'object', required: ['query'], properties: { query: { type: 'string' } } };
const LIVE = { tools: { 'codebase-mcp': [{ name: 'search_code', inputSchema: SEARCH }] }, unreachable: {} };

test('a file with structural errors still gets the live checks of its well-formed steps', () => {
  const file = join(dir, 'broken.journey.yaml');
  writeFileSync(file, BROKEN);
  const result = validateJourneys([file], { servers: { 'codebase-mcp': { tools: ['search_code', 'get_code_chunks'] } }, elsewhere: { 'workflow-mcp': {} } });
  expect(result.journeys).toEqual([]);
  expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['JOURNEY_UNKNOWN_KEY', 'JOURNEY_SCHEMA', 'JOURNEY_UNKNOWN_TOOL']));
  const live = checkLive(result, LIVE, 'mcp.json');
  expect(live.map((d) => [d.code, d.message, d.start.line])).toEqual([
    ['JOURNEY_LIVE_ARGS', 'codebase-mcp.search_code: args.query must be string', 7],
    // `nope` (line 11) is already JOURNEY_UNKNOWN_TOOL; `args: not a mapping` (line 10) is the schema's.
    ['JOURNEY_LIVE_TOOL', 'codebase-mcp has no tool "get_code_chunks" (tools/list)', 12],
  ]);
});

test('the servers asked: those broken files require or call, among the active ones', () => {
  const file = join(dir, 'asked.journey.yaml');
  writeFileSync(file, BROKEN.replace('servers_required: [codebase-mcp, workflow-mcp]', 'servers_required: [workflow-mcp]'));
  const result = validateJourneys([file], { servers: { 'codebase-mcp': {} }, elsewhere: { 'workflow-mcp': {} } });
  expect(result.journeys).toEqual([]);
  // codebase-mcp is not in servers_required but its tools are called; workflow-mcp is not active.
  expect(liveServerNames(result, ['codebase-mcp'])).toEqual(['codebase-mcp']);
  expect(liveServerNames(result, undefined)).toEqual(['workflow-mcp', 'codebase-mcp']);
});
