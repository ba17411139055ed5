// A failure's category follows from its code (FAILURE_CATEGORIES), never from the throw site: the table
// is pinned here, each category has a name in the Allure categories, and the references step that once
// filed a variable holding no ids as an assertion mismatch files it with the other journey defects.
import { test, expect } from '@playwright/test';
import type { ReferencesStepPlan } from '../../src/compile/plan.js';
import { errorNameFor } from '../../src/report/categories.js';
import type { RunContext } from '../../src/worker/context.js';
import { FAILURE_CATEGORIES, JourneyStepError } from '../../src/worker/expect/errors.js';
import { runReferences } from '../../src/worker/steps/references.js';

const at = { file: '/j.journey.yaml', line: 3, column: 5 };

test('every failure code has one category, and every category a name in the report', () => {
  expect(FAILURE_CATEGORIES).toEqual({
    EXPECTATION_FAILED: 'assertion', LATENCY_BUDGET: 'latency', OUTCOME_MISMATCH: 'assertion',
    MCP_TOOL_ERROR: 'tool_error', MCP_UNAVAILABLE: 'unavailable', MCP_TIMEOUT: 'timeout', JOURNEY_TIMEOUT: 'timeout', MCP_PROTOCOL_ERROR: 'protocol_error',
    MCP_CANCELLED: 'timeout',
    EVENTUALLY_TIMEOUT: 'assertion', EVENTUALLY_FAIL_IF: 'assertion', SAVE_MISSING: 'assertion', SNAPSHOT_MISMATCH: 'assertion', TEMPLATE: 'assertion',
    FAULT_SETUP: 'runtime', SERVER_CONTROL: 'runtime', ASSERTION: 'assertion',
    PERF_REGRESSION: 'performance_regression', PERF_ERRORS: 'load_errors', RUNTIME: 'runtime', UNANSWERED_REQUEST: 'assertion',
  });
  const unnamed = Object.entries(FAILURE_CATEGORIES).filter(([, category]) => errorNameFor(category) === undefined);
  expect(unnamed).toEqual([]);
  expect(new JourneyStepError('m', 'MCP_TIMEOUT', at).category).toBe('timeout');
});

function referencesStep(): ReferencesStepPlan {
  return {
    kind: 'references', title: 'references codebase-mcp.get_code_chunks', location: at, vars: ['chunk_ids'],
    server: 'codebase-mcp', tool: 'get_code_chunks', idsArg: 'chunk_ids', found: '$.chunks[*].chunk_id', args: {},
    references: {}, save: [], expect: { outcome: 'ok', outcomeLocation: at, checks: [] },
  } as unknown as ReferencesStepPlan;
}

async function referencesFailure(value: unknown): Promise<JourneyStepError> {
  const saved = value === undefined ? undefined : { value, provenance: { origin: 'save', location: at } };
  const ctx = { scope: { get: () => saved }, records: [] } as unknown as RunContext;
  const error: unknown = await runReferences(referencesStep(), ctx).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof JourneyStepError)) throw new Error(`expected a JourneyStepError, got ${String(error)}`);
  return error;
}

test('a references variable that holds no ids is a journey defect; one with no value is a template failure', async () => {
  const notIds = await referencesFailure(42);
  expect([notIds.code, notIds.category, notIds.message]).toEqual(
    ['RUNTIME', 'runtime', 'references codebase-mcp.get_code_chunks: "chunk_ids" holds 42, not a reference id or a list of them']);
  const unsaved = await referencesFailure(undefined);
  expect([unsaved.code, unsaved.category]).toEqual(['TEMPLATE', 'assertion']);
});
