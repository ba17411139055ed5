import { test, expect } from '@playwright/test';
import { compileJourney } from '../../src/compile/compileJourney.js';
import type { CallStepPlan, IncludeStepPlan, SqlStepPlan } from '../../src/compile/plan.js';
import { loadShim } from '../support/loadShim.js';

const DIR = '/j';
const FILE = '/j/cross/search.journey.yaml';

const JOURNEY = `# a comment line
test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21
test_name: Search then file a task
description: Finds code and files a task.
servers_required: [codebase-mcp, workflow-mcp]
tags: [smoke, "@cross"]
labels: { epic: Cross-server, severity: critical }
timeout: 30s
retries: 2
session: { call_timeout: 2s, reconnect: { attempts: 3, initial_delay: 100ms } }
vars: { limit: 10 }
setup_steps:
  - call: workflow-mcp.create_project
    args: { name: "journey-\${run.id}" }
    save: { project_id: $.id }
test_steps:
  - name: Search
    call: mcp__codebase-mcp__search_code
    args: { query: auth, limit: "\${limit}" }
    expect:
      latency_ms: { max: 500, warn: 300 }
      result:
        "$.results": { minItems: 1, type: array }
        "$.total_count": 3
  - call: workflow-mcp.create_work_item
    args: { title: "" }
    expect: { error: "title cannot be empty" }
  - sql: { connection: workflow-mcp, query: "select 1 as one" }
  - wait: 1.5s
  - fault: { target: codebase-mcp, down: true }
assertions:
  - latency: { step: Search, p95_ms: 500 }
  - that: "\${project_id}"
    matches: "^[0-9a-f-]+$"
teardown_steps:
  - call: workflow-mcp.delete_project
    args: { project_id: "\${project_id}" }
`;

test('a journey compiles to a plan with YAML locations', () => {
  const plan = compileJourney(loadShim(FILE, { [FILE]: JOURNEY }), { journeysDir: DIR });
  expect(plan).toMatchObject({
    testId: '6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21',
    title: 'Search then file a task',
    relativeFile: 'cross/search.journey.yaml',
    folder: 'cross',
    location: { file: FILE, line: 3, column: 1 },
    tags: ['@smoke', '@cross'],
    labels: { epic: 'Cross-server', severity: 'critical' },
    timeoutMs: 30_000,
    retries: 2,
    servers: ['codebase-mcp', 'workflow-mcp'],
    session: { callTimeoutMs: 2000, reconnect: { attempts: 3, initialDelayMs: 100 } },
    vars: { limit: 10 },
  });
  expect(plan.annotations).toEqual([
    { type: 'test_id', description: '6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21' },
    { type: 'description', description: 'Finds code and files a task.' },
  ]);
  expect(plan.setup.location).toEqual({ file: FILE, line: 12, column: 1 });
  expect(plan.setup.steps[0]).toMatchObject({
    kind: 'call', title: 'call workflow-mcp.create_project', server: 'workflow-mcp', tool: 'create_project',
    args: { name: 'journey-${run.id}' }, location: { line: 13, column: 5 },
    save: [{ name: 'project_id', path: '$.id', location: { line: 15, column: 13 } }],
    expect: { outcome: 'ok', checks: [] },
  });
  expect(plan.teardown.steps.map((s) => s.title)).toEqual(['call workflow-mcp.delete_project']);
  expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
});

test('expectations become one check per matcher, each at its own line', () => {
  const plan = compileJourney(loadShim(FILE, { [FILE]: JOURNEY }), { journeysDir: DIR });
  const search = plan.test.steps[0] as CallStepPlan;
  expect(search).toMatchObject({ title: 'Search', server: 'codebase-mcp', tool: 'search_code', location: { line: 17 } });
  expect(search.expect.latency).toEqual({ maxMs: 500, warnMs: 300, location: { file: FILE, line: 21, column: 7 } });
  expect(search.expect.checks.map((c) => [c.subject, c.matcher.op, 'expected' in c.matcher ? c.matcher.expected : undefined, c.location.line]))
    .toEqual([
      [{ kind: 'result', path: '$.results' }, 'minItems', 1, 23],
      [{ kind: 'result', path: '$.results' }, 'type', 'array', 23],
      [{ kind: 'result', path: '$.total_count' }, 'equals', 3, 24],
    ]);
  expect(search.expect.checks[1]?.location.column).toBeGreaterThan(search.expect.checks[0]?.location.column ?? 0);
  const failing = plan.test.steps[1] as CallStepPlan;
  expect(failing.expect).toMatchObject({
    outcome: 'tool_error',
    outcomeLocation: { line: 27, column: 15 },
    checks: [{ subject: { kind: 'message' }, matcher: { op: 'contains', expected: 'title cannot be empty' } }],
  });
});

test('other step kinds, default titles and assertions', () => {
  const plan = compileJourney(loadShim(FILE, { [FILE]: JOURNEY }), { journeysDir: DIR });
  const [, , sql, wait, fault] = plan.test.steps;
  expect(sql).toMatchObject({ kind: 'sql', title: 'sql workflow-mcp: select 1 as one', connection: 'workflow-mcp', params: [] });
  expect((sql as SqlStepPlan).database).toBeUndefined();
  expect(wait).toMatchObject({ kind: 'wait', title: 'wait 1.5s', ms: 1500 });
  expect(fault).toEqual({
    kind: 'fault', title: 'fault codebase-mcp down', location: { file: FILE, line: 30, column: 5 },
    fault: { op: 'add', request: { target: 'codebase-mcp', down: true, toxics: [], scope: { kind: 'until_clear' }, label: 'codebase-mcp down' } },
  });
  expect(plan.assertions).toEqual([
    { kind: 'latency', step: 'Search', p95Ms: 500, location: { file: FILE, line: 32, column: 5 } },
    {
      kind: 'that', template: '${project_id}', location: { file: FILE, line: 33, column: 5 },
      matchers: [{ op: 'matches', expected: '^[0-9a-f-]+$', location: { file: FILE, line: 34, column: 5 } }],
    },
  ]);
});

test('includes expand inline with the fragment file, its lines and the with bindings', () => {
  const fragmentFile = '/j/_shared/project.yaml';
  const journey = `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b22
test_name: With a fragment
description: d
servers_required: [workflow-mcp]
test_steps:
  - include: ../_shared/project.yaml
    with: { name: "p-\${run.id}" }
  - parallel:
      - call: workflow-mcp.list_projects
      - call: workflow-mcp.get_active_project
        expect: { result: { $: { not: { equals: null } } } }
`;
  const fragment = `description: make a project
params: { name: null, description: none }
steps:
  - call: workflow-mcp.create_project
    args: { name: "\${name}", description: "\${description}" }
    save: { project_id: $.id }
`;
  const plan = compileJourney(loadShim(FILE, { [FILE]: journey, '../_shared/project.yaml': fragment }), { journeysDir: DIR });
  const include = plan.test.steps[0] as IncludeStepPlan;
  expect(include).toMatchObject({
    kind: 'include', title: 'include ../_shared/project.yaml', fragmentFile, location: { file: FILE, line: 6 },
    bindings: { name: 'p-${run.id}', description: 'none' },
  });
  expect(include.steps[0]).toMatchObject({
    kind: 'call', tool: 'create_project', location: { file: fragmentFile, line: 4, column: 5 },
    save: [{ name: 'project_id', location: { file: fragmentFile, line: 6 } }],
  });
  const parallel = plan.test.steps[1];
  expect(parallel).toMatchObject({ kind: 'parallel', title: 'parallel: 2 steps' });
  const [, second] = parallel?.kind === 'parallel' ? parallel.steps : [];
  expect(second).toMatchObject({
    expect: { checks: [{ subject: { kind: 'result', path: '$' }, matcher: { op: 'not', matchers: [{ op: 'equals', expected: null }] } }] },
  });
});

test('fault and server steps compile to what the run stage plays: toxics, scope, duration and targets resolved', () => {
  const file = '/j/degraded/faults.journey.yaml';
  const journey = `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b23
test_name: Faults
description: d
servers_required: [codebase-mcp]
test_steps:
  - fault: { target: codebase-mcp.db, latency: { ms: 1500, jitter: 100 }, direction: both, toxicity: 0.5, scope: { steps: 2 }, duration: 2s }
  - fault: { clear: [codebase-mcp, all] }
  - fault: { clear: codebase-mcp }
  - server: { action: restart, target: codebase-mcp }
  - server: { action: stop, target: both, wait_ready: false }
  - server: { action: start, target: [codebase-mcp], port: in_use, env: { POOL_MAX_SIZE: "2" } }
    expect: { error: "Address already in use" }
`;
  const [slow, clearAll, clearOne, restart, stop, extra] = compileJourney(loadShim(file, { [file]: journey }), { journeysDir: DIR }).test.steps;
  const toxic = { type: 'latency', toxicity: 0.5, attributes: { latency: 1500, jitter: 100 } };
  expect(slow).toMatchObject({
    kind: 'fault', title: 'fault codebase-mcp.db latency 1500ms',
    fault: {
      op: 'add',
      request: {
        target: 'codebase-mcp.db', down: false, toxics: [{ ...toxic, stream: 'upstream' }, { ...toxic, stream: 'downstream' }],
        scope: { kind: 'steps', count: 2 }, durationMs: 2000, label: 'codebase-mcp.db latency 1500ms ±100ms both toxicity 0.5',
      },
    },
  });
  expect(clearAll).toMatchObject({ kind: 'fault', title: 'fault clear codebase-mcp, all', fault: { op: 'clear', targets: 'all' } });
  expect(clearOne).toMatchObject({ kind: 'fault', fault: { op: 'clear', targets: ['codebase-mcp'] } });
  expect(restart).toMatchObject({ kind: 'server', title: 'server restart codebase-mcp', action: 'restart', targets: ['codebase-mcp'], waitReady: true, save: [] });
  expect(restart).not.toHaveProperty('extra');
  expect(stop).toMatchObject({ kind: 'server', action: 'stop', targets: 'both', waitReady: false });
  expect(extra).toMatchObject({
    kind: 'server', action: 'start', targets: ['codebase-mcp'], extra: { port: 'in_use', env: { POOL_MAX_SIZE: '2' } },
    expect: { outcome: 'tool_error', checks: [{ subject: { kind: 'message' }, matcher: { op: 'contains', expected: 'Address already in use' } }] },
  });
  // Neither names a `server` field: the runner reads that as a server whose injected latency the step shows.
  for (const step of [slow, restart, extra]) expect(step).not.toHaveProperty('server');
});
