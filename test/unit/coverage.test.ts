// Catalogue coverage from plans (scenarios by tag, tools through includes and parallel blocks, reference
// edges between servers) and the --live check of call steps against tools/list and inputSchema.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { compileJourney } from '../../src/compile/compileJourney.js';
import { fileURLToPath } from 'node:url';
import { parseCatalogue, readCatalogue, scenarioKey } from '../../src/report/catalogue.js';
import { computeCoverage, coverageFails, coverageGaps, formatCoverage } from '../../src/report/coverage.js';
import { checkLive, liveReport } from '../../src/validate/live.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';
import { loadShim } from '../support/loadShim.js';

const MAIN = '/j/cross/s1.journey.yaml';
const JOURNEY = `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21
test_name: Search then file a task
description: d
servers_required: [codebase-mcp, workflow-mcp]
tags: [smoke, S1, "@s2"]
setup_steps:
  - include: ../_shared/p.yaml
test_steps:
  - call: codebase-mcp.search_code
    args: { query: auth }
    save: { chunk: "$.results[0].chunk_id" }
  - parallel:
      - call: workflow-mcp.create_work_item
        args: { item_type: task, title: t, entity_references: ["\${chunk}"] }
  - references: { vars: [chunk], resolve: codebase-mcp.get_code_chunks, expect: { valid: [chunk] } }
`;
const FRAGMENT = `description: p
steps:
  - call: workflow-mcp.create_project
    args: { name: x }
`;

/** The project's own catalogue, S1–S22. */
const CATALOGUE = readCatalogue(fileURLToPath(new URL('../../journeys/catalogue.yaml', import.meta.url)), 'journeys/catalogue.yaml');

const TOOLS = { 'codebase-mcp': ['search_code', 'get_code_chunks', 'index_repository'], 'workflow-mcp': ['create_project', 'create_work_item'] };

test('a tag names a scenario with or without @, in any case, S05 as S5', () => {
  expect(['S1', '@S21', 's5', 'S05', '@Checkout-Refund'].map(scenarioKey)).toEqual(['s1', 's21', 's5', 's5', 'checkout-refund']);
  expect(CATALOGUE.scenarios.map((s) => s.id)).toEqual(Array.from({ length: 22 }, (_, i) => `S${i + 1}`));
});

test('coverage: scenarios, tools through includes and parallel steps, cross-server edges, gaps', () => {
  const plan = compileJourney(loadShim(MAIN, { [MAIN]: JOURNEY, '../_shared/p.yaml': FRAGMENT }), { journeysDir: '/j' });
  const coverage = computeCoverage([plan], TOOLS, { catalogue: CATALOGUE });
  expect(coverage.scenarios.find((s) => s.id === 'S1')?.journeys).toEqual(['cross/s1.journey.yaml']);
  expect(coverage.scenarios.find((s) => s.id === 'S2')?.journeys).toEqual(['cross/s1.journey.yaml']);
  expect(coverage.scenarios.filter((s) => s.journeys.length === 0)).toHaveLength(20);
  const codebase = coverage.servers.find((s) => s.server === 'codebase-mcp');
  expect(codebase?.uncalled).toEqual(['index_repository']);
  expect(coverage.servers.find((s) => s.server === 'workflow-mcp')?.uncalled).toEqual([]);
  expect(coverage.edges).toEqual([{ from: 'codebase-mcp.search_code', to: 'workflow-mcp.create_work_item', via: 'entity_references', journeys: ['cross/s1.journey.yaml'] }]);
  const gaps = coverageGaps(coverage);
  expect(gaps).toContain('codebase-mcp.index_repository is called by no journey');
  expect(gaps).toContain('scenario S3 (codebase-mcp down while using workflow-mcp) has no journey');
  expect(formatCoverage(coverage)).toMatch(/codebase-mcp: 2 of 3 tools called\n {2}search_code +1 journey\n {2}get_code_chunks +1 journey\n {2}index_repository +NOT CALLED/);
  // A journey that does not count for tools (e.g. a negative one) still covers its scenarios.
  const uncounted = computeCoverage([plan], TOOLS, { catalogue: CATALOGUE, counted: () => false });
  expect(uncounted.scenarios.find((s) => s.id === 'S1')?.journeys).toHaveLength(1);
  expect(uncounted.servers.every((s) => s.uncalled.length === s.tools.length)).toBe(true);
});

test('without a catalogue: tools and edges only, and gaps do not fail; tools a configuration does not list are the ones called', () => {
  const plan = compileJourney(loadShim(MAIN, { [MAIN]: JOURNEY, '../_shared/p.yaml': FRAGMENT }), { journeysDir: '/j' });
  const coverage = computeCoverage([plan], { 'codebase-mcp': TOOLS['codebase-mcp'], 'workflow-mcp': undefined });
  expect([coverage.catalogue, coverage.scenarios, coverage.untagged]).toEqual([null, [], []]);
  expect(coverageGaps(coverage)).toEqual(['codebase-mcp.index_repository is called by no journey']);
  expect(coverageFails(coverage)).toBe(false);
  expect(coverageFails(computeCoverage([plan], TOOLS, { catalogue: CATALOGUE }))).toBe(true);
  const workflow = coverage.servers.find((s) => s.server === 'workflow-mcp');
  expect(workflow).toEqual({ server: 'workflow-mcp', listed: false, uncalled: [], unknown: [], tools: [
    { tool: 'create_project', journeys: ['cross/s1.journey.yaml'] }, { tool: 'create_work_item', journeys: ['cross/s1.journey.yaml'] },
  ] });
  expect(formatCoverage(coverage)).toContain('workflow-mcp: 2 tools called; the MCP configuration lists none to count against');
  expect(formatCoverage(coverage)).toMatch(/^Scenarios: no catalogue/);
});

test('a catalogue that is not one is refused with every problem named', () => {
  const problems = (text: string): string => {
    try {
      parseCatalogue(text, 'c.yaml');
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(problems('scenarios:\n  - { id: A, title: a }\n  - { id: a, title: again }\n  - { id: "S05", title: x }\n  - { id: S5, title: y }\n'))
    .toBe('c.yaml: not a valid scenario catalogue (schemas/catalogue.schema.json):\n  - scenarios[1].id: "a" is already scenarios[0]\'s\n  - scenarios[3].id: "S5" is already scenarios[2]\'s');
  expect(problems('scenarios:\n  - { id: A, titel: a }\n')).toBe('c.yaml: not a valid scenario catalogue (schemas/catalogue.schema.json):\n'
    + '  - scenarios[0]: must have required property \'title\'\n  - scenarios[0]: must NOT have additional properties "titel"');
  expect(problems('scenarios: [ { id: "has space", title: t } ]\n')).toContain('scenarios[0].id: must match pattern');
  expect(problems('scenarios: [\n')).toContain('c.yaml: not a valid scenario catalogue');
  expect(problems('- S1\n')).toContain('(top): must be object');
  expect(problems('scenarios: []\n')).toBe('accepted');
});

test('--live: unknown tools and arguments against inputSchema, templated values left alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-live-'));
  try {
    mkdirSync(join(dir, 'x'));
    const file = join(dir, 'x', 'a.journey.yaml');
    writeFileSync(file, `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b22
test_name: live
description: d
servers_required: [codebase-mcp]
vars: { n: 3 }
test_steps:
  - call: codebase-mcp.search_code
    args: { query: 42, limit: "\${n}" }
    expect: { result: { $.results: { minItems: 1 } } }
  - call: codebase-mcp.get_code_chunks
    args: {}
    expect: { error: x }
`);
    const result = validateJourneys([file], { servers: { 'codebase-mcp': {} } });
    expect(result.journeys).toHaveLength(1);
    const schema = { type: 'object', required: ['query'], properties: { query: { type: 'string' }, limit: { type: 'number' } } };
    const live = { tools: { 'codebase-mcp': [{ name: 'search_code', inputSchema: schema }, { name: 'get_code_chunk', inputSchema: {} }] }, unreachable: {} };
    const diagnostics = checkLive(result, live, 'mcp.json');
    expect(diagnostics.map((d) => [d.code, d.message, d.start.line, d.start.column])).toEqual([
      ['JOURNEY_LIVE_ARGS', 'codebase-mcp.search_code: args.query must be string', 8, 20],
      ['JOURNEY_LIVE_TOOL', 'codebase-mcp has no tool "get_code_chunks" (tools/list)', 10, 11],
    ]);
    expect(diagnostics[1]?.hint).toBe('did you mean "get_code_chunk"?');
    const down = checkLive(result, { tools: {}, unreachable: { 'codebase-mcp': 'connection refused' } }, 'mcp.json');
    expect(down.map((d) => [d.code, d.message])).toEqual([['JOURNEY_LIVE_CONNECT', 'cannot list the tools of codebase-mcp: connection refused']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the README\'s catalogue example is a catalogue', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const example = /```yaml\n(# yaml-language-server: \$schema=\S*catalogue\.schema\.json\n[\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  expect(parseCatalogue(example ?? '', 'README.md').scenarios.map((s) => s.id)).toEqual(['F1', 'F2']);
});

test('--live: a step that expects the refusal sends its arguments on purpose; any other expectation is flagged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-live-'));
  try {
    const expects = ['{ error: x }', '{ outcome: tool_error }', '{ outcome: protocol_error }', '{ protocol_error: "bad" }',
      '{ protocol_error: false }', '{ outcome: ok }', '{ result: { $.n: 1 } }', '{ timeout: true }'];
    const file = join(dir, 'a.journey.yaml');
    writeFileSync(file, `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b23
test_name: intent
description: d
servers_required: [s]
test_steps:
${expects.map((e) => `  - call: s.t\n    args: { n: word }\n    expect: ${e}\n`).join('')}`);
    const result = validateJourneys([file], { servers: { s: {} } });
    const live = { tools: { s: [{ name: 't', inputSchema: { type: 'object', properties: { n: { type: 'number' } } } }] }, unreachable: {} };
    const report = liveReport(result, live, 'mcp.json');
    expect(report.sentOnPurpose.map((n) => [n.start.line, n.expects])).toEqual([
      [7, 'error'], [10, 'outcome: tool_error'], [13, 'outcome: protocol_error'], [16, 'protocol_error'],
    ]);
    expect(report.diagnostics.map((d) => [d.code, d.start.line])).toEqual([19, 22, 25, 28].map((line) => ['JOURNEY_LIVE_ARGS', line]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
