// The categories must sort the messages the runtime really produces: each is built here with the
// runtime's own error classes and message builders, then shown as allure-playwright shows it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import type { CheckPlan, ExpectationPlan } from '../../src/compile/plan.js';
import { allureCategories, classifyMessage, errorNameFor, writeCategories } from '../../src/report/categories.js';
import { failureError } from '../../src/worker/expect/checks.js';
import type { JourneyStepError } from '../../src/worker/expect/errors.js';
import { LatencyBudgetError } from '../../src/worker/expect/errors.js';
import { latencyVerdict, outcomeError } from '../../src/worker/expect/outcomeAndLatency.js';

const at = { file: '/j/x.journey.yaml', line: 7, column: 9 };
const expectOk: ExpectationPlan = { outcome: 'ok', outcomeLocation: at, checks: [] };
const expectToolError: ExpectationPlan = { outcome: 'tool_error', outcomeLocation: at, checks: [] };
const attempts = [{ attempt: 1, delayMs: 0, ok: true }];
const server = 'test (stdio /usr/bin/node testServer.ts --transport stdio --name test)';

/** What Playwright (and allure-playwright's statusDetails.message) shows for a thrown error. */
const shown = (e: Error | undefined): string => (e ? `${e.name}: ${e.message}` : 'no error');

function mustFail(e: JourneyStepError | undefined): JourneyStepError {
  if (!e) throw new Error('expected the runtime to produce an error');
  return e;
}

const check: CheckPlan = { subject: { kind: 'result', path: '$.sum' }, matcher: { op: 'equals', expected: 5, location: at }, location: at };
const runtime: [string, JourneyStepError][] = [
  ['Latency budget exceeded', mustFail(latencyVerdict({ maxMs: 100, location: at }, 359, 'Slow call').error)],
  ['Latency budget exceeded', new LatencyBudgetError('"Search" p95 612 ms over 20 call(s), budget 500 ms', at, 612, 500)],
  ['Server unavailable', mustFail(outcomeError(expectOk, { kind: 'unavailable', value: undefined, message: `${server}: tools/call crash: the server process exited`, attempts }, 'call test.crash', at))],
  ['Timeout', mustFail(outcomeError(expectOk, { kind: 'timeout', value: undefined, message: `${server}: no answer to tools/call hang within 300 ms`, attempts }, 'call test.hang', at))],
  ['Tool error', mustFail(outcomeError(expectOk, { kind: 'tool_error', value: "Error calling tool 'fail': failed", attempts }, 'call test.fail', at))],
  ['Protocol error', mustFail(outcomeError(expectOk, { kind: 'protocol_error', value: undefined, message: `${server}: tools/call bad failed with JSON-RPC error -32603: deliberate`, attempts }, 'call test.bad', at))],
  ['Assertion mismatch', failureError([{ check, what: '$.sum', expected: 'to equal 5', actual: 4 }], at)],
  ['Assertion mismatch', failureError([{ check, what: '$.sum', expected: 'to equal 5', actual: 4 }, { check, what: '$.a', expected: 'to exist', actual: undefined }], at)],
  // A journey expecting a tool error that got a dead server: the runtime calls that a wrong outcome.
  ['Assertion mismatch', mustFail(outcomeError(expectToolError, { kind: 'unavailable', value: undefined, message: 'gone', attempts }, 'call test.fail', at))],
  ['Assertion mismatch', mustFail(outcomeError(expectToolError, { kind: 'ok', value: { sum: 1 }, attempts }, 'call test.add', at))],
];

test('every message the runtime produces today sorts into its category, and into one only', () => {
  for (const [name, error] of runtime) {
    const message = shown(error);
    expect(classifyMessage(message)?.name, message).toBe(name);
    const matching = allureCategories().filter((c) => new RegExp(c.messageRegex ?? '$^').test(message));
    expect(matching.map((c) => c.name), message).toEqual([name]);
    // Allure 2 matches the whole message (Java's Matcher.matches), multi-line messages included.
    const whole = allureCategories().filter((c) => new RegExp(`^(?:${c.messageRegex ?? ''})$`).test(message));
    expect(whole.map((c) => c.name), message).toEqual([name]);
  }
});

test('with the stable prefix (error named by category) every runtime category sorts right', () => {
  const byCategory: Record<string, string> = {
    latency: 'Latency budget exceeded', unavailable: 'Server unavailable', timeout: 'Timeout', tool_error: 'Tool error',
    assertion: 'Assertion mismatch', protocol_error: 'Protocol error', runtime: 'Test defects', unsupported: 'Test defects',
    stale_reference: 'Stale reference',
  };
  for (const [category, name] of Object.entries(byCategory)) {
    const errorName = errorNameFor(category);
    expect(errorName, category).toMatch(/^[A-Z]\w+$/);
    const error = Object.assign(new Error('step title: whatever the wording\n  Expected: x\n  Received: y'), { name: errorName ?? '' });
    expect(classifyMessage(shown(error))?.name, category).toBe(name);
  }
  // The runtime's own errors, renamed by their category, still sort the same.
  for (const [name, error] of runtime) {
    const renamed = Object.assign(new Error(error.message), { name: errorNameFor(error.category) ?? error.name });
    expect(classifyMessage(shown(renamed))?.name, shown(renamed)).toBe(name);
  }
});

test('Playwright\'s own timeouts are timeouts; anything else is left to Allure\'s defaults', () => {
  expect(classifyMessage('Test timeout of 4000ms exceeded.')?.name).toBe('Timeout');
  expect(classifyMessage('Test timeout of 120000ms exceeded while running "afterEach" hook.')?.name).toBe('Timeout');
  // The journey's own timeout, which ends the test before Playwright's does.
  expect(classifyMessage('JourneyTimeoutError: Journey timeout of 11500 ms exceeded in step "Ask" (running for 8498 ms) on server mute after 2 connection attempts')?.name).toBe('Timeout');
  expect(classifyMessage('TypeError: cannot read properties of undefined')).toBeUndefined();
  expect(classifyMessage('JourneyStepError: call x: something else')).toBeUndefined();
  expect(classifyMessage(shown(runtime[0]?.[1]), 'passed')).toBeUndefined();
});

test('categories.json: the six categories (and runner errors as test defects), written idempotently', () => {
  const names = allureCategories().map((c) => c.name);
  expect(names).toEqual(expect.arrayContaining(['Latency budget exceeded', 'Server unavailable', 'Timeout', 'Tool error', 'Assertion mismatch', 'Stale reference', 'Test defects']));
  for (const c of allureCategories()) {
    expect(c.matchedStatuses).toEqual(['failed', 'broken']);
    expect(() => new RegExp(c.messageRegex ?? '')).not.toThrow();
  }
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-categories-'));
  try {
    const file = writeCategories(dir);
    const first = readFileSync(file, 'utf8');
    for (let i = 0; i < 5; i++) writeCategories(dir);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(JSON.parse(first)).toEqual(allureCategories());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
