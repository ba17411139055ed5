// Execution segments: which segment a run is, which sessions it plays, and how the journeys reporter
// splits the other tests between shards (as Playwright does).
import { test, expect } from '@playwright/test';
import { shardSlice } from '../../src/runner/segments.js';
import { planLoad } from '../../src/worker/perf/profiles.js';
import { segmentOf, segmentWindows } from '../../src/worker/perf/segment.js';

test('MCP_JOURNEYS_SEGMENT beats the shard; one segment of one is the whole load; a malformed one is refused', () => {
  expect(segmentOf({ current: 2, total: 3 }, {})).toEqual({ index: 2, count: 3 });
  expect(segmentOf({ current: 2, total: 3 }, { MCP_JOURNEYS_SEGMENT: '1/4' })).toEqual({ index: 1, count: 4 });
  expect(segmentOf(null, { MCP_JOURNEYS_SEGMENT: '1/1' })).toBeUndefined();
  expect(segmentOf({ current: 1, total: 1 }, {})).toBeUndefined();
  for (const bad of ['0/2', '3/2', 'two', '1/']) {
    expect(() => segmentOf(null, { MCP_JOURNEYS_SEGMENT: bad })).toThrow(`MCP_JOURNEYS_SEGMENT must be i/n with 1 <= i <= n (as --shard), got "${bad}"`);
  }
});

test('the segments of a schedule are every n-th session, each keeping its place, and together all of them', () => {
  const plan = planLoad({ profile: 'stress', sessions: 10, rampUpMs: 1000, durationMs: 4000 });
  const parts = [1, 2, 3].map((index) => segmentWindows(plan.windows, { index, count: 3 }));
  expect(parts.map((p) => p.length)).toEqual([4, 3, 3]);
  expect(parts[1]).toEqual([plan.windows[1], plan.windows[4], plan.windows[7]]);
  expect(parts.flat().length).toBe(plan.windows.length);
  expect(segmentWindows(plan.windows, undefined)).toEqual(plan.windows);
});

test('the other tests are cut into runs of consecutive tests, the first shards one longer', () => {
  const tests = ['a', 'b', 'c', 'd', 'e'];
  expect([1, 2, 3].map((current) => shardSlice(tests, { current, total: 3 }))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  expect([1, 2, 3].map((current) => shardSlice(['a'], { current, total: 3 }))).toEqual([['a'], [], []]);
});
