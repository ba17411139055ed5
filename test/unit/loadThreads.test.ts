// Which loads play in threads, and how many: the steps only the worker can run keep a load there, at any
// depth, and the thread count follows the cores unless MCP_JOURNEYS_LOAD_THREADS says otherwise.
import { test, expect } from '@playwright/test';
import type { JourneyPlan, StepPlan } from '../../src/compile/plan.js';
import type { McpConfig } from '../../src/mcp/types.js';
import { onWorkerReason, peakOf, threadCount } from '../../src/worker/perf/loadThreads.js';

const location = { file: 'j.journey.yaml', line: 1, column: 1 };
const call = { kind: 'call', title: 'call a.b', location, server: 'a', tool: 'b', args: {} } as unknown as StepPlan;
const sql = { kind: 'sql', title: 'sql', location } as unknown as StepPlan;
const include = (steps: StepPlan[]): StepPlan => ({ kind: 'include', title: 'include', location, steps } as unknown as StepPlan);
const plan = (steps: StepPlan[]): JourneyPlan => ({ test: { steps } } as unknown as JourneyPlan);
const config: McpConfig = { source: '.mcp.json', servers: {} };

test('threads: one per core but one, at least one, never more than the sessions', () => {
  expect(threadCount(50, {}, 2)).toBe(1);
  expect(threadCount(50, {}, 1)).toBe(1);
  expect(threadCount(50, {}, 8)).toBe(7);
  expect(threadCount(3, {}, 8)).toBe(3);
});

test('MCP_JOURNEYS_LOAD_THREADS chooses the count, 0 plays on the worker, anything else is refused', () => {
  expect(threadCount(50, { MCP_JOURNEYS_LOAD_THREADS: '4' }, 2)).toBe(4);
  expect(threadCount(2, { MCP_JOURNEYS_LOAD_THREADS: '4' }, 2)).toBe(2);
  expect(threadCount(50, { MCP_JOURNEYS_LOAD_THREADS: '0' }, 8)).toBe(0);
  for (const bad of ['-1', '1.5', 'two']) expect(() => threadCount(50, { MCP_JOURNEYS_LOAD_THREADS: bad }, 2)).toThrow(`MCP_JOURNEYS_LOAD_THREADS must be a whole number of threads (0: none), got "${bad}"`);
});

test('a load with a step only the worker can run stays on the worker, at any depth', () => {
  expect(onWorkerReason(plan([call, call]), config)).toBeUndefined();
  expect(onWorkerReason(plan([call, sql]), config)).toBe("its test_steps have a sql step, which only the journey's worker can run");
  expect(onWorkerReason(plan([include([call, include([sql])])]), config)).toMatch(/a sql step/);
  expect(onWorkerReason(plan([call]), undefined)).toBe('its sessions are not opened from an MCP configuration');
});

test('the peak over threads is the most sessions at once on the merged timeline, an end before a start at the same time', () => {
  // Two threads of two sessions each, overlapping only partly.
  const a: [number, number][] = [[0, 1], [5, 1], [20, -1], [30, -1]];
  const b: [number, number][] = [[10, 1], [20, 1], [25, -1], [40, -1]];
  expect(peakOf([...a, ...b])).toBe(3);
  expect(peakOf([[0, 1], [10, -1], [10, 1], [20, -1]])).toBe(1);
  expect(peakOf([])).toBe(0);
});
