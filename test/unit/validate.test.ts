import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { compileJourney } from '../../src/compile/compileJourney.js';
import { FRAGMENT_SCHEMA_PATH, SCHEMA_PATH } from '../../src/validate/schema.js';
import type { ValidationContext } from '../../src/validate/types.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';

// Made in beforeAll: module code also runs where Playwright collects tests, and afterAll never runs there.
let dir = '';
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcp-journeys-validate-')); });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTEXT: ValidationContext = {
  servers: { 'codebase-mcp': { tools: ['search_code', 'get_code_chunks', 'index_repository'] }, 'workflow-mcp': {} },
};

let counter = 0;
/** Writes files (paths relative to a fresh folder, the schema line added) and validates the journeys among them. */
function check(files: Record<string, string>, context: ValidationContext = CONTEXT) {
  const root = join(dir, `case-${++counter}`);
  const journeys: string[] = [];
  for (const [name, body] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    const fragment = !name.endsWith('.journey.yaml');
    const schema = relative(dirname(path), fragment ? FRAGMENT_SCHEMA_PATH : SCHEMA_PATH);
    writeFileSync(path, `# yaml-language-server: $schema=${schema}\n${body}`);
    if (!fragment) journeys.push(path);
  }
  return validateJourneys(journeys, context);
}

const codesOf = (r: ReturnType<typeof check>) => r.diagnostics.map((d) => d.code);

function journey(steps: string, extra = '', id = '3b8f0c52-7d1e-4c3a-9f6b-1a2e4d5c6b7a'): string {
  return `test_id: ${id}
test_name: T
description: D
servers_required: [codebase-mcp, workflow-mcp]
${extra}test_steps:
${steps}  - call: workflow-mcp.create_work_item
    args: { title: "" }
    expect: { error: empty }
  - call: workflow-mcp.list_projects
    expect: { outcome: ok }
`;
}

test('every schema property has a description and an example, for editors', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const resolve = (node: Record<string, unknown>): Record<string, unknown> => {
    const ref = node['$ref'];
    if (typeof ref !== 'string' || node['description'] !== undefined) return node;
    let target: unknown = schema;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[part];
    return resolve(target as Record<string, unknown>);
  };
  const missing: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    const record = node as Record<string, unknown>;
    const properties = record['properties'];
    if (properties && typeof properties === 'object' && !('examples' in properties && at.endsWith('/examples'))) {
      for (const [key, value] of Object.entries(properties as Record<string, Record<string, unknown>>)) {
        const own = resolve(value);
        if (typeof own['description'] !== 'string' || !Array.isArray(own['examples']) || own['examples'].length === 0) missing.push(`${at}/properties/${key}`);
      }
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'examples') walk(value, `${at}/${key}`);
  };
  walk(schema, '#');
  expect(missing).toEqual([]);
  const fragment = JSON.parse(readFileSync(FRAGMENT_SCHEMA_PATH, 'utf8')) as { $ref: string };
  expect(fragment.$ref).toBe('journey.schema.json#/$defs/fragment');
  expect((schema['$defs'] as Record<string, unknown>)['fragment']).toBeDefined();
});

test('a valid journey validates and compiles, fragments included', () => {
  const result = check({
    'flows/a.journey.yaml': journey(`  - include: ../_shared/project.yaml
    with: { project_name: "p-\${run.id}" }
  - call: mcp__codebase-mcp__search_code
    args: { query: "\${project_id}" }
    expect: { result: { "$.results": { minItems: 1 } } }
`),
    '_shared/project.yaml': `params: { project_name: null }
steps:
  - call: workflow-mcp.create_project
    args: { name: "\${project_name}" }
    save: { project_id: $.id }
`,
  });
  expect(result.diagnostics).toEqual([]);
  expect(result.journeys).toHaveLength(1);
  const plan = compileJourney(result.journeys[0]!, { journeysDir: join(dir, `case-${counter}`) });
  expect(plan.folder).toBe('flows');
  expect(plan.test.steps[0]).toMatchObject({ kind: 'include', steps: [{ kind: 'call', tool: 'create_project' }] });
});

test('variables follow run order: vars, setup, test, teardown; save defines after its step', () => {
  const ok = check({
    'a.journey.yaml': journey(`  - call: codebase-mcp.search_code
    args: { query: "\${q} \${setup_id} \${env.HOME} \${fixtures}" }
    save: { hit: "$.results[0].chunk_id" }
  - scratch_repo: { from: auth-service, save_as: repo }
  - call: codebase-mcp.index_repository
    args: { repo_path: "\${repo}", id: "\${hit}" }
    eventually: { timeout: 5s, until: { "$.status": "\${hit}" } }
`, `vars: { q: auth, q2: "\${q}-x" }
setup_steps:
  - call: workflow-mcp.create_project
    args: { name: "\${q2}" }
    save: { setup_id: $.id }
teardown_steps:
  - call: workflow-mcp.delete_work_item
    args: { work_item_id: "\${hit}" }
`),
  });
  expect(ok.diagnostics).toEqual([]);
  const bad = check({
    'a.journey.yaml': journey(`  - call: codebase-mcp.search_code
    args: { query: "\${later}" }
    eventually: { timeout: 5s, until: { "$.x": "\${own}" } }
    save: { own: $.x }
  - call: codebase-mcp.search_code
    args: { query: auth }
    save: { later: $.x }
`, 'vars: { a: "${b}", b: 1 }\n'),
  });
  expect(bad.diagnostics.map((d) => [d.code, d.start.line, d.message])).toEqual([
    ['JOURNEY_UNKNOWN_VARIABLE', 6, 'unknown variable "b"'],
    ['JOURNEY_UNKNOWN_VARIABLE', 9, 'variable "later" is used before it is saved'],
    ['JOURNEY_UNKNOWN_VARIABLE', 10, 'variable "own" is used before it is saved'],
  ]);
  // The column is the `${` inside the string.
  const line = readFileSync(join(dir, `case-${counter}`, 'a.journey.yaml'), 'utf8').split('\n')[8] ?? '';
  expect(line.slice(bad.diagnostics[1]!.start.column - 1)).toMatch(/^\$\{later\}/);
});

test('parallel branches do not see each other; parallel sessions run their steps in order', () => {
  const result = check({
    'a.journey.yaml': journey(`  - parallel:
      - call: codebase-mcp.search_code
        args: { query: a }
        save: { x: $.a }
      - call: codebase-mcp.search_code
        args: { query: "\${x}" }
  - parallel:
      sessions: 3
      steps:
        - call: codebase-mcp.search_code
          args: { query: b }
          save: { y: $.a }
        - call: codebase-mcp.search_code
          args: { query: "\${y}" }
  - call: codebase-mcp.search_code
    args: { query: "\${x}\${y}" }
`),
  });
  expect(result.diagnostics.map((d) => [d.code, d.start.line])).toEqual([['JOURNEY_UNKNOWN_VARIABLE', 12]]);
});

test('fragments see params, with and the journey; their saves reach the journey; missing params are reported', () => {
  const result = check({
    'a.journey.yaml': journey(`  - call: codebase-mcp.search_code
    args: { query: a }
    save: { before: $.a }
  - include: _shared/f.yaml
    with: { name: n, extra: 1 }
  - call: codebase-mcp.search_code
    args: { query: "\${made}" }
`),
    '_shared/f.yaml': `params: { name: null, size: null, colour: red }
steps:
  - call: codebase-mcp.search_code
    args: { query: "\${name}\${colour}\${before}\${nowhere}" }
    save: { made: $.a }
`,
  });
  expect(result.diagnostics.map((d) => [d.code, d.file.endsWith('f.yaml') ? 'f' : 'j', d.message])).toEqual([
    ['JOURNEY_INCLUDE_PARAMS', 'j', 'missing required param "size" for _shared/f.yaml'],
    ['JOURNEY_INCLUDE_PARAMS', 'j', 'the fragment has no param "extra"'],
    ['JOURNEY_UNKNOWN_VARIABLE', 'f', 'unknown variable "nowhere"'],
  ]);
  expect(result.journeys).toEqual([]);
});

test('servers and tools are checked against the configuration only when there is one', () => {
  const steps = `  - call: codebase-mcp.serch_code
    args: { query: a }
  - call: deploy-mcp.ship
  - fault: { target: codebase-mcp.db, down: true }
`;
  const withConfig = check({ 'a.journey.yaml': journey(steps) });
  expect(codesOf(withConfig)).toEqual(['JOURNEY_UNKNOWN_TOOL', 'JOURNEY_UNKNOWN_SERVER']);
  const without = check({ 'a.journey.yaml': journey(steps) }, {});
  expect(without.diagnostics.map((d) => [d.code, d.message])).toEqual([
    ['JOURNEY_SERVER_NOT_REQUIRED', 'server "deploy-mcp" is used but not listed in servers_required'],
  ]);
});

test('a duplicate test_id is reported at the later file, naming the first', () => {
  const result = check({ 'a.journey.yaml': journey(''), 'b.journey.yaml': journey('') });
  expect(result.diagnostics).toHaveLength(1);
  expect(result.diagnostics[0]).toMatchObject({ code: 'JOURNEY_DUPLICATE_TEST_ID', start: { line: 2, column: 10 } });
  expect(result.diagnostics[0]?.file).toMatch(/b\.journey\.yaml$/);
  expect(result.diagnostics[0]?.message).toMatch(/a\.journey\.yaml:2$/);
  expect(result.journeys).toHaveLength(1);
});

test('one mistake gives one diagnostic, judged by the step kind written first', () => {
  const result = check({
    'a.journey.yaml': journey(`  - call: codebase-mcp.search_code
    wait: 2s
    timeout: 5 secs
    expect: { latency_ms: fast, outcome: okay }
`),
  });
  expect(result.diagnostics.map((d) => `${d.code} ${d.message} | ${d.hint ?? ''}`)).toEqual([
    'JOURNEY_UNKNOWN_KEY unknown key "wait" in a call step | a step has exactly one kind; move "wait" into a step of its own',
    'JOURNEY_SCHEMA "timeout" is not a duration | write "5s" (no space, units ms, s, m or h)',
    'JOURNEY_SCHEMA "latency_ms" must be a number or a mapping | for example: latency_ms: 500',
    'JOURNEY_SCHEMA invalid outcome "okay" | did you mean "ok"?',
  ]);
});

test('entity rules: a success case and an error case are both needed', () => {
  const result = check({
    'a.journey.yaml': `test_id: 3b8f0c52-7d1e-4c3a-9f6b-1a2e4d5c6b7a
test_name: T
description: D
servers_required: [workflow-mcp]
test_steps:
  - references: { vars: [x], resolve: codebase-mcp.get_code_chunks, expect: { stale_count: 1 } }
assertions:
  - outcome: { step: S, is: ok }
`,
  });
  // references with stale ones is the error case, outcome is ok the success case; x and S are unknown,
  // and the resolving server is not required.
  expect(codesOf(result)).toEqual(['JOURNEY_UNKNOWN_VARIABLE', 'JOURNEY_SERVER_NOT_REQUIRED', 'JOURNEY_UNKNOWN_STEP']);
});
