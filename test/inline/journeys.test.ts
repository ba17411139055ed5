// Whole journeys through the real playwright.config.ts, against the purpose-built test server over stdio.
import { test, expect } from '@playwright/test';
import { runJourneys } from '../support/inline.js';
import type { AllureStep } from '../support/inline.js';

// Every inline run starts a Playwright runner and a stdio server per journey.
test.describe.configure({ timeout: 600_000 });

const passing = `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3a01
test_name: Echo, add and a tool error
description: Captures values and feeds them into later calls.
servers_required: [test]
tags: [smoke]
vars: { greeting: hello }
setup_steps:
  - call: test.echo
    args: { text: "\${greeting} \${run.id}" }
    save: { said: $.text }
test_steps:
  - name: Add two numbers
    call: test.add
    args: { a: 2, b: 3 }
    expect:
      latency_ms: 5000
      result:
        $.sum: { equals: 5, type: integer }
    save: { sum: $.sum }
  - call: mcp__test__echo
    args: { text: "\${said} sum=\${sum} env=\${env.INLINE_MARK:-none}" }
    expect:
      result:
        $.text: { matches: "^hello [0-9a-f]+ sum=5 env=marked$" }
  - call: test.fail
    args: { message: title cannot be empty }
    expect: { error: title cannot be empty }
assertions:
  - that: "\${sum}"
    gte: 5
teardown_steps:
  - call: test.echo
    args: { text: bye }
`;

const failing = `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3a02
test_name: A step that fails
description: The second step expects the wrong sum.
servers_required: [test]
tags: [broken]
test_steps:
  - call: test.add
    args: { a: 1, b: 1 }
  - name: Wrong sum
    call: test.add
    args: { a: 2, b: 2 }
    expect:
      result:
        $.sum: 5
  - call: test.fail
    expect: { error: failed }
teardown_steps:
  - name: A teardown step that fails too
    call: test.fail
  - name: Clean up after failure
    call: test.echo
    args: { text: cleaned }
`;

function findStep(steps: AllureStep[], name: string): AllureStep | undefined {
  for (const step of steps) {
    if (step.name === name) return step;
    const inner = findStep(step.steps, name);
    if (inner) return inner;
  }
  return undefined;
}

test('a passing journey: calls, saves, templates, tool error expected, teardown', async () => {
  const run = await runJourneys({ files: { 'smoke/echo.journey.yaml': passing }, env: { INLINE_MARK: 'marked' } });
  expect(run.output).toContain('1 passed');
  expect(run.exitCode).toBe(0);
  const [result] = run.allureResults;
  expect(result?.status).toBe('passed');
  expect(result?.labels).toContainEqual({ name: 'tag', value: 'smoke' });
  expect(result?.steps.map((s) => s.name)).toEqual(expect.arrayContaining(['Setup', 'Test steps', 'assert ${sum}', 'Teardown']));
  expect(findStep(result?.steps ?? [], 'Test steps')?.steps.map((s) => s.name)).toEqual(['Add two numbers', 'call mcp__test__echo', 'call test.fail']);
  expect(findStep(result?.steps ?? [], 'Teardown')?.steps.map((s) => [s.name, s.status])).toEqual([['call test.echo', 'passed']]);
  // What each step measured is on the step in Allure.
  const add = findStep(result?.steps ?? [], 'Add two numbers');
  expect(add?.parameters?.map((p) => p.name)).toEqual(['server', 'tool', 'outcome', 'latency_ms', 'budget_ms']);
  expect(add?.parameters?.find((p) => p.name === 'budget_ms')?.value).toBe('5000');
});

test('a failing step names its YAML file and line, shows a code frame, and teardown still runs', async () => {
  const run = await runJourneys({ files: { 'flows/broken.journey.yaml': failing } });
  expect(run.exitCode).toBe(1);
  expect(run.output).toContain('1 failed');
  // With the schema line first: the test is at test_name (line 3), the failure at the expectation (line 15)
  // in the step at line 10.
  expect(run.output).toMatch(/\[flows\] › journeys\/flows\/broken\.journey\.yaml:3:1 › flows › A step that fails/);
  expect(run.output).toMatch(/Expectation failed: \$\.sum/);
  expect(run.output).toMatch(/Expected: to equal 5\s+Received: 4/);
  expect(run.output).toMatch(/> 15 \| {9}\$\.sum: 5\n\s+\| {9}\^/);
  expect(run.output).toMatch(/at Wrong sum \(.*flows\/broken\.journey\.yaml:10:5\)/);
  const [result] = run.allureResults;
  expect(result?.status).toBe('failed');
  expect(findStep(result?.steps ?? [], 'Wrong sum')?.status).toBe('failed');
  expect(findStep(result?.steps ?? [], 'call test.fail')).toBeUndefined();
  // Every teardown step is tried, and a failing one does not replace the failure that came first.
  expect(findStep(result?.steps ?? [], 'A teardown step that fails too')?.status).toBe('failed');
  expect(findStep(result?.steps ?? [], 'Clean up after failure')?.status).toBe('passed');
  expect(result?.statusDetails?.message).toContain('Expectation failed: $.sum');
  expect(result?.statusDetails?.message).not.toContain('tool error');
});

test('--list shows YAML locations; --project and --grep select', async () => {
  const files = { 'smoke/echo.journey.yaml': passing, 'flows/broken.journey.yaml': failing };
  const list = await runJourneys({ files, args: ['--list'] });
  expect(list.exitCode).toBe(0);
  // Paths are relative to the config's directory (the repo), so the temp dir shows as ../…/journeys/.
  expect(list.output).toMatch(/\[flows\] › \S*journeys\/flows\/broken\.journey\.yaml:3:1 › flows › A step that fails\n/);
  expect(list.output).toMatch(/\[smoke\] › \S*journeys\/smoke\/echo\.journey\.yaml:3:1 › smoke › Echo, add and a tool error\n/);
  expect(list.output).toContain('Total: 2 tests in 2 files');

  const project = await runJourneys({ files, args: ['--list', '--project=smoke'] });
  expect(project.output).toContain('Total: 1 test in 1 file');
  expect(project.output).toContain('[smoke] ›');
  expect(project.output).not.toContain('A step that fails');

  const grep = await runJourneys({ files, args: ['--grep', '@broken'] });
  expect(grep.exitCode).toBe(1);
  expect(grep.output).toContain('1 failed');
  expect(grep.output).not.toContain('Echo, add and a tool error');
});

test('a malformed journey stops the run before any test, with every diagnostic and no stack trace', async () => {
  const malformed = passing.replace('servers_required: [test]', 'servers_required: [test]\nsetup_stepz: []').replace('test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3a01', 'test_id: not-a-uuid');
  const run = await runJourneys({ files: { 'smoke/echo.journey.yaml': passing, 'flows/bad.journey.yaml': malformed } });
  expect(run.exitCode).toBe(1);
  expect(run.output).toMatch(/flows\/bad\.journey\.yaml:2:\d+ error JOURNEY_/);
  expect(run.output).toMatch(/flows\/bad\.journey\.yaml:6:1 error JOURNEY_UNKNOWN_KEY/);
  expect(run.output).not.toMatch(/Running \d+ test/);
  expect(run.output).not.toMatch(/^\s+at .*\.(ts|js):\d+/m);
  expect(run.allureResults).toEqual([]);
});

test('retries and --repeat-each work on journeys', async () => {
  const retried = await runJourneys({ files: { 'flows/broken.journey.yaml': failing }, args: ['--retries=1'] });
  expect(retried.exitCode).toBe(1);
  expect(retried.output).toContain('(retry #1)');
  const repeated = await runJourneys({ files: { 'smoke/echo.journey.yaml': passing }, args: ['--repeat-each=2'], env: { INLINE_MARK: 'marked' } });
  expect(repeated.exitCode).toBe(0);
  expect(repeated.output).toContain('2 passed');
});
