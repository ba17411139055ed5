// What the Allure results of a run show per step: the parameters `server`, `tool`, `latency_ms`,
// `budget_ms` and the outcome, the request and response as JSON attachments, the latency chart, the
// labels and test case id from the YAML, secrets masked; per run categories.json and
// environment.properties; per journey a run record valid against its schema. One passing and one failing
// journey.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { allureCategories, classifyMessage } from '../../src/report/categories.js';
import { parseProperties } from '../../src/report/properties.js';
import { runJourneys } from '../support/inline.js';
import type { InlineRun } from '../support/inline.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }), ['uuid', 'date-time']);
const validateRecord = ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL('../../schemas/run-record.schema.json', import.meta.url)), 'utf8')) as object);

test.describe.configure({ timeout: 180_000 });

interface Attachment { name: string; source: string; type: string }
interface Step {
  name: string;
  status?: string;
  start?: number;
  stop?: number;
  parameters?: { name: string; value: string }[];
  attachments?: Attachment[];
  steps: Step[];
}
interface Result extends Step {
  testCaseId?: string;
  labels: { name: string; value: string }[];
  statusDetails?: { message?: string };
}

const PASSING_ID = '0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3e01';
const FAILING_ID = '0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3e02';

const passing = `test_id: ${PASSING_ID}
test_name: Reported journey that passes
description: Every call step shows what it measured.
servers_required: [test]
tags: [reporting]
labels: { epic: Reporting, feature: Allure, story: Step latencies, severity: critical, owner: qa-team }
setup_steps:
  - call: test.echo
    args: { text: hello, api_key: sk-live-0123456789 }
test_steps:
  - name: Add two numbers
    call: test.add
    args: { a: 2, b: 3 }
    expect:
      latency_ms: 5000
      result: { $.sum: 5 }
  - call: test.fail
    args: { message: title cannot be empty }
    expect: { error: title cannot be empty }
teardown_steps:
  - call: test.echo
    args: { text: bye }
`;

const failing = `test_id: ${FAILING_ID}
test_name: Reported journey over its budget
description: The second step is slower than its budget.
servers_required: [test]
labels: { epic: Reporting, severity: normal }
test_steps:
  - call: test.add
    args: { a: 1, b: 1 }
    expect: { latency_ms: { max: 5000, warn: 0 } }
  - name: Slow call
    call: test.slow
    args: { ms: 400 }
    expect: { latency_ms: 100 }
  - call: test.fail
    expect: { error: failed }
`;

function find(steps: Step[], name: string): Step | undefined {
  for (const step of steps) {
    if (step.name === name) return step;
    const inner = find(step.steps, name);
    if (inner) return inner;
  }
  return undefined;
}

function allAttachments(step: Step): Attachment[] {
  return [...(step.attachments ?? []), ...step.steps.flatMap(allAttachments)];
}

/** A step's own attachments: request and response sit on the step itself, not in child steps. */
function attachmentsOf(step: Step): Attachment[] {
  return step.attachments ?? [];
}

function params(step: Step | undefined): Record<string, string> {
  return Object.fromEntries((step?.parameters ?? []).map((p) => [p.name, p.value]));
}

/** What every measured call step must show: where it went, what it measured, and what was said. */
function expectMeasured(step: Step | undefined, tool: string, outcome: string, budget?: number): number {
  expect(step, `step calling ${tool}`).toBeDefined();
  const p = params(step);
  expect.soft(p, `parameters of "${step?.name}"`).toMatchObject({ server: 'test', tool, outcome });
  expect.soft(p['latency_ms'], `latency_ms of "${step?.name}"`).toMatch(/^\d+$/);
  const latency = Number(p['latency_ms']);
  // The call happened inside the step (a call sent ahead: the step starts when it went out), so it cannot
  // have taken longer than the step; Allure's start and stop are whole milliseconds, and so is the lead.
  expect.soft(latency).toBeLessThan((step?.stop ?? 0) - (step?.start ?? 0) + 2);
  if (budget === undefined) expect.soft(p['budget_ms']).toBeUndefined();
  else expect.soft(p['budget_ms']).toBe(String(budget));
  const attached = attachmentsOf(step as Step).map((a) => [a.name, a.type]);
  expect.soft(attached, `attachments of "${step?.name}"`).toEqual(expect.arrayContaining([['request', 'application/json'], ['response', 'application/json']]));
  return latency;
}

/** Test case id and a label from test_id (not a pseudo-step), one latency chart (SVG) attached to the test. */
function expectJourneyLevel(result: Result | undefined, testId: string): void {
  expect.soft(result?.testCaseId, 'testCaseId').toBe(testId);
  expect.soft(result?.labels, 'test_id label').toContainEqual({ name: 'test_id', value: testId });
  expect.soft(result?.steps.map((s) => s.name).filter((n) => n.startsWith('test_id')), 'no test_id pseudo-step').toEqual([]);
  const charts = result ? allAttachments(result).filter((a) => a.type === 'image/svg+xml') : [];
  expect.soft(charts, 'latency chart attachments').toHaveLength(1);
}

/** Once per run: the categories, and the server as it introduced itself; per journey: its run record. */
function expectRunLevel(run: InlineRun, testId: string, status: string): Record<string, unknown> | undefined {
  expect.soft(JSON.parse(run.allureFiles['categories.json'] ?? 'null'), 'categories.json').toEqual(allureCategories());
  const env = parseProperties(run.allureFiles['environment.properties'] ?? '');
  expect.soft(env, 'environment.properties').toMatchObject({ 'test.name': 'test', 'test.version': '1.0.0', 'test.transport': 'stdio' });
  expect.soft(env['test.command'], 'environment.properties').toContain('testServer.ts');
  const record = run.runRecords.find((r) => r['test_id'] === testId);
  expect.soft(validateRecord(record) ? 'valid' : ajv.errorsText(validateRecord.errors), 'run record').toBe('valid');
  expect.soft(record?.['last_run_status'], 'run record status').toBe(status);
  return record;
}

function attachmentText(run: InlineRun, attachment: Attachment | undefined): string {
  return run.allureFiles[attachment?.source ?? ''] ?? '';
}

async function runOne(folder: string, yaml: string, name: string): Promise<{ run: InlineRun; result: Result | undefined; output: string; exitCode: number | null }> {
  const run = await runJourneys({ files: { [`${folder}/journey.journey.yaml`]: yaml } });
  const results = run.allureResults as unknown as Result[];
  return { run, result: results.find((r) => r.name === name), output: run.output, exitCode: run.exitCode };
}

test('a passing journey: every call step has its parameters and request/response attachments', async () => {
  const { run, result, output, exitCode } = await runOne('reporting', passing, 'Reported journey that passes');
  expect(exitCode, output).toBe(0);
  expect(result?.status).toBe('passed');
  const steps = result?.steps ?? [];
  const greet = find(find(steps, 'Setup')?.steps ?? [], 'call test.echo');
  expectMeasured(greet, 'echo', 'ok');
  const request = attachmentText(run, attachmentsOf(greet as Step).find((a) => a.name === 'request'));
  expect.soft(JSON.parse(request || 'null'), 'request attachment, secret masked').toEqual({
    server: 'test', method: 'tools/call', params: { name: 'echo', arguments: { text: 'hello', api_key: '***' } },
  });
  const response = attachmentText(run, attachmentsOf(greet as Step).find((a) => a.name === 'response'));
  expect.soft(JSON.parse(response || 'null'), 'response attachment').toMatchObject({ outcome: 'ok', result: { structuredContent: { text: 'hello' } } });
  expectMeasured(find(steps, 'Add two numbers'), 'add', 'ok', 5000);
  expectMeasured(find(steps, 'call test.fail'), 'fail', 'tool_error');
  expectMeasured(find(find(steps, 'Teardown')?.steps ?? [], 'call test.echo'), 'echo', 'ok');
  expect.soft(params(find(steps, 'Add two numbers'))['failure']).toBeUndefined();
  expect.soft(result?.labels).toEqual(expect.arrayContaining([
    { name: 'epic', value: 'Reporting' }, { name: 'feature', value: 'Allure' }, { name: 'story', value: 'Step latencies' },
    { name: 'severity', value: 'critical' }, { name: 'owner', value: 'qa-team' }, { name: 'tag', value: 'reporting' },
  ]));
  expectJourneyLevel(result, PASSING_ID);
  const chart = attachmentText(run, allAttachments(result as Result).find((a) => a.type === 'image/svg+xml'));
  expect.soft(chart.match(/class="step"/g), 'one bar per step').toHaveLength(4);
  expect.soft(chart.match(/class="budget-marker"/g), 'one budget marker').toHaveLength(1);
  const record = expectRunLevel(run, PASSING_ID, 'passed');
  expect.soft(record?.['steps'], 'run record steps').toEqual([
    expect.objectContaining({ phase: 'setup', tool: 'echo', outcome: 'ok', latency_ms: expect.any(Number) }),
    expect.objectContaining({ phase: 'test', title: 'Add two numbers', budget_ms: 5000 }),
    expect.objectContaining({ phase: 'test', tool: 'fail', outcome: 'tool_error' }),
    expect.objectContaining({ phase: 'teardown', tool: 'echo' }),
  ]);
});

test('a failing journey: the slow step shows its latency over its budget, and the failure its category', async () => {
  const { run, result, output, exitCode } = await runOne('budgets', failing, 'Reported journey over its budget');
  expect(exitCode, output).toBe(1);
  expect(result?.status).toBe('failed');
  expect.soft(classifyMessage(result?.statusDetails?.message ?? '')?.name).toBe('Latency budget exceeded');
  const steps = result?.steps ?? [];
  expectMeasured(find(steps, 'call test.add'), 'add', 'ok', 5000);
  const slow = find(steps, 'Slow call');
  expect.soft(slow?.status).toBe('failed');
  expect.soft(expectMeasured(slow, 'slow', 'ok', 100)).toBeGreaterThan(100);
  expect.soft(params(slow)['failure']).toBe('latency');
  expect.soft(find(steps, 'call test.fail')).toBeUndefined();
  // Said on the test while it ran; allure-playwright alone would drop it.
  expect.soft(steps.map((s) => s.name).filter((n) => n.startsWith('warning: ')), 'run-time warnings as steps').toEqual([
    expect.stringMatching(/^warning: call test\.add took .+, over the warning threshold 0 ms \(budget 5000 ms\)$/),
  ]);
  expectJourneyLevel(result, FAILING_ID);
  const record = expectRunLevel(run, FAILING_ID, 'failed');
  expect.soft(record?.['failure'], 'run record failure').toMatchObject({ category: 'latency', step: 'Slow call' });
});

test('MCP_JOURNEYS_STEP_ATTACHMENTS=failed: request/response only on the failed step, parameters on every step', async () => {
  const run = await runJourneys({ files: { 'budgets/journey.journey.yaml': failing }, env: { MCP_JOURNEYS_STEP_ATTACHMENTS: 'failed' } });
  expect(run.exitCode, run.output).toBe(1);
  const steps = (run.allureResults as unknown as Result[])[0]?.steps ?? [];
  const add = find(steps, 'call test.add');
  expect.soft(params(add)).toMatchObject({ server: 'test', tool: 'add', outcome: 'ok' });
  expect.soft(attachmentsOf(add as Step).map((a) => a.name)).toEqual([]);
  expect.soft(attachmentsOf(find(steps, 'Slow call') as Step).map((a) => a.name)).toEqual(['request', 'response']);
});

const overlapping = `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3e03
test_name: Reported parallel branches
description: The first branch ends while the second is still running.
servers_required: [test]
test_steps:
  - parallel:
      - name: Quick branch
        call: test.add
        args: { a: 1, b: 2 }
        expect: { result: { $.sum: 3 } }
      - name: Slow branch
        call: test.slow
        args: { ms: 300 }
  - call: test.fail
    expect: { error: failed }
`;

// allure-playwright gives step metadata to whichever step started last: sent as runtime messages, the
// quick branch's parameters would land on the slow branch that is still open. The reporter puts each
// step's notes on its own step in the finished result.
test('overlapping parallel steps: each keeps its own parameters, attachments and times', async () => {
  const { run, result, output, exitCode } = await runOne('parallel', overlapping, 'Reported parallel branches');
  expect(exitCode, output).toBe(0);
  const steps = result?.steps ?? [];
  const quick = find(steps, 'Quick branch');
  const slow = find(steps, 'Slow branch');
  expectMeasured(quick, 'add', 'ok');
  expectMeasured(slow, 'slow', 'ok');
  const request = JSON.parse(attachmentText(run, attachmentsOf(quick as Step).find((a) => a.name === 'request')) || 'null') as unknown;
  expect.soft(request, 'the quick branch\'s own request').toMatchObject({ params: { name: 'add', arguments: { a: 1, b: 2 } } });
  expect.soft(Number(params(slow)['latency_ms'])).toBeGreaterThanOrEqual(300);
  // Times are the steps' own, not when the report was written: the quick branch ends first, and the
  // step after the group starts after both.
  expect.soft(quick?.stop ?? Infinity).toBeLessThan(slow?.stop ?? 0);
  expect.soft((quick?.stop ?? Infinity) - (quick?.start ?? 0)).toBeLessThan(300);
  const after = find(steps, 'call test.fail');
  expect.soft(after?.start ?? 0).toBeGreaterThanOrEqual(slow?.stop ?? Infinity);
  expect.soft((after?.stop ?? Infinity) - (after?.start ?? 0)).toBeLessThan(1000);
});
