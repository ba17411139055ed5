import { test, expect } from '@playwright/test';
import type { CheckPlan, MatcherOp, MatcherPlan } from '../../src/compile/plan.js';
import { failureError, runChecks } from '../../src/worker/expect/checks.js';
import type { Observed } from '../../src/worker/expect/checks.js';
import { LatencyBudgetError, locateError } from '../../src/worker/expect/errors.js';
import { evaluate } from '../../src/worker/expect/matchers.js';
import { latencyVerdict, outcomeError } from '../../src/worker/expect/outcomeAndLatency.js';

const at = { file: '/j/x.journey.yaml', line: 7, column: 9 };
const m = (op: MatcherOp, expected: unknown): MatcherPlan => ({ op, expected, location: at });
const holds = (matcher: MatcherPlan, value: unknown, present = true) => evaluate(matcher, { present, value }).pass;

test('each matcher holds and fails where it should', () => {
  const cases: [MatcherPlan, unknown, boolean][] = [
    [m('equals', { a: [1, 2] }), { a: [1, 2] }, true],
    [m('equals', 3), '3', false],
    [m('contains', 'auth'), 'authenticate', true],
    [m('contains', { id: 2 }), [{ id: 1 }, { id: 2, x: 1 }], true],
    [m('contains', 3), [1, 2], false],
    [m('contains', { a: { b: 1 } }), { a: { b: 1, c: 2 }, d: 3 }, true],
    [m('matches', '^Error calling tool'), "Error calling tool 'x': bad", true],
    [m('matches', '^a'), 1, false],
    [m('gt', 2), 3, true], [m('gt', 3), 3, false], [m('gte', 3), 3, true],
    [m('lt', 3), 2, true], [m('lte', 3), 4, false], [m('gt', 1), '5', false],
    [m('minItems', 1), [], false], [m('minItems', 1), [0], true],
    [m('maxItems', 1), [0, 1], false], [m('length', 3), 'abc', true], [m('length', 1), 5, false],
    [m('type', 'array'), [], true], [m('type', 'integer'), 1.5, false], [m('type', 'null'), null, true],
    [m('oneOf', ['pending', 'running']), 'running', true], [m('oneOf', ['a']), 'b', false],
    [m('schema', { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }),
      { id: '6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21' }, true],
    [m('schema', { type: 'object', required: ['id'] }), {}, false],
    [{ op: 'not', matchers: [m('equals', null)], location: at }, 1, true],
    [{ op: 'not', matchers: [m('equals', null)], location: at }, null, false],
  ];
  for (const [matcher, value, expected] of cases) {
    expect(holds(matcher, value), `${JSON.stringify(matcher)} on ${JSON.stringify(value)}`).toBe(expected);
  }
});

test('exists and absent look at presence, not truthiness', () => {
  expect(holds(m('exists', true), null)).toBe(true);
  expect(holds(m('exists', true), undefined, false)).toBe(false);
  expect(holds(m('absent', true), undefined, false)).toBe(true);
  expect(holds(m('absent', true), 0)).toBe(false);
  expect(holds(m('equals', null), undefined, false)).toBe(false);
});

const observed: Observed = {
  kind: 'ok',
  value: { results: [{ chunk_id: 'c1', score: 0.9 }, { chunk_id: 'c2', score: 0.4 }], total_count: 2, project_id: 'p1' },
  attempts: [{ attempt: 1, delayMs: 0, ok: true }],
};
const check = (path: string, matcher: MatcherPlan, line: number): CheckPlan => ({
  subject: { kind: 'result', path }, matcher: { ...matcher, location: { ...at, line } }, location: { ...at, line },
});

test('checks query JSONPath, render templates, and report every failure with its line', () => {
  const render = (v: unknown) => (v === '${project}' ? 'p1' : v);
  const checks = [
    check('$.results', m('minItems', 1), 10),
    check('$.results[*].chunk_id', m('contains', 'c2'), 11),
    check('$.project_id', m('equals', '${project}'), 12),
    check('$.total_count', m('equals', 3), 13),
    check('$.missing', m('exists', true), 14),
  ];
  const failures = runChecks(checks, observed, render);
  expect(failures.map((f) => f.check.location.line)).toEqual([13, 14]);
  const error = failureError(failures, at);
  expect(error.message).toBe([
    '2 expectations failed',
    '$.total_count  (line 13)',
    '  Expected: to equal 3',
    '  Received: 2',
    '$.missing  (line 14)',
    '  Expected: to exist',
    '  Received: (nothing)',
  ].join('\n'));
  expect(error).toMatchObject({ code: 'EXPECTATION_FAILED', category: 'assertion', location: { line: 13 } });
});

test('attempts and message subjects', () => {
  const failed: Observed = { kind: 'tool_error', value: "Error calling tool 'create_work_item': Work item title cannot be empty", attempts: [] };
  const messageCheck: CheckPlan = { subject: { kind: 'message' }, matcher: m('contains', 'title cannot be empty'), location: at };
  expect(runChecks([messageCheck], failed, (v) => v)).toEqual([]);
  const attempts: CheckPlan = { subject: { kind: 'attempts' }, matcher: m('equals', 2), location: at };
  expect(runChecks([attempts], observed, (v) => v)[0]).toMatchObject({ actual: 1 });
});

test('outcome mismatches name what happened, by category', () => {
  const ok = { outcome: 'ok' as const, outcomeLocation: at, checks: [] };
  const down: Observed = { kind: 'unavailable', value: undefined, message: 'codebase-mcp: connection refused', attempts: [] };
  expect(outcomeError(ok, down, 'call codebase-mcp.search_code', at)).toMatchObject({
    code: 'MCP_UNAVAILABLE', category: 'unavailable',
    message: 'call codebase-mcp.search_code found the server unavailable: codebase-mcp: connection refused',
  });
  const wantsError = { outcome: 'tool_error' as const, outcomeLocation: { ...at, line: 30 }, checks: [] };
  const mismatch = outcomeError(wantsError, observed, 'call x.y', at);
  expect(mismatch).toMatchObject({ code: 'OUTCOME_MISMATCH', category: 'assertion', location: { line: 30 } });
  expect(mismatch?.message).toContain('Expected: tool_error\n  Received: ok: result {"results"');
  expect(outcomeError(ok, observed, 'call x.y', at)).toBeUndefined();
});

test('latency budgets fail with a distinct error, and warn below the budget', () => {
  const budget = { maxMs: 500, warnMs: 300, location: at };
  const over = latencyVerdict(budget, 612.4, 'call codebase-mcp.search_code');
  expect(over.error).toBeInstanceOf(LatencyBudgetError);
  expect(over.error).toMatchObject({ category: 'latency', code: 'LATENCY_BUDGET', latencyMs: 612.4, budgetMs: 500 });
  expect(over.error?.message).toMatch(/^Latency budget exceeded: call codebase-mcp.search_code took 612 ms, budget 500 ms/);
  expect(latencyVerdict(budget, 400, 'x').warning).toContain('over the warning threshold 300 ms');
  expect(latencyVerdict(budget, 100, 'x')).toEqual({});
});

test('located errors put the YAML positions in the stack', () => {
  const error = locateError(new LatencyBudgetError('slow', at, 2, 1), [{ title: 'Search (fast)', location: at }, { title: 'step', location: { ...at, line: 3 } }]);
  expect(error.stack).toBe(
    'LatencyBudgetError: Latency budget exceeded: slow\n    at Search  fast  (/j/x.journey.yaml:7:9)\n    at step (/j/x.journey.yaml:3:9)',
  );
});
