// What a snapshot stores: ignore and mask paths, the volatile values masked by default, secrets, sorted
// keys; and the changed paths a mismatch starts with.
import { expect, test } from '@playwright/test';
import { describeChange, jsonChanges } from '../../src/worker/expect/jsonChanges.js';
import { snapshotText, snapshotValue } from '../../src/worker/expect/snapshotValue.js';

const rules = { ignore: [], mask: {}, volatile: true, runId: 'a1b2c3d4e5' };

test('UUIDs, ISO timestamps, durations, latency-like fields and the run id are masked', () => {
  const value = {
    id: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
    note: 'created 3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B at 2026-12-04T19:09:13.123Z for journey-a1b2c3d4e5',
    created_at: '2026-12-04T19:09:13Z', updatedAt: 1733339353000, took: '12ms', timeout: '1.5s',
    latency_ms: 17, durationMs: 3, elapsed: 4.5, count: 3, version: '1.2.0', day: '2026-12-04',
  };
  expect(snapshotValue(value, rules)).toEqual({
    count: 3, created_at: '<timestamp>', day: '2026-12-04', durationMs: '<duration>', elapsed: '<duration>', id: '<uuid>', latency_ms: '<duration>',
    note: 'created <uuid> at <timestamp> for journey-<run.id>', timeout: '<duration>', took: '<duration>', updatedAt: '<timestamp>', version: '1.2.0',
  });
  expect(snapshotValue(value, { ...rules, volatile: false })).toMatchObject({ id: value.id, latency_ms: 17 });
});

test('ignore leaves paths out and mask replaces them, in arrays too', () => {
  const value = { name: 'x', items: [{ id: 1, score: 0.3 }, { id: 2, score: 0.9 }, { id: 3, score: 0.1 }], tmp: { a: 1 } };
  const out = snapshotValue(value, { ...rules, ignore: ['$.tmp', '$.items[0,2]'], mask: { '$.items[*].score': '<score>' } });
  expect(out).toEqual({ items: [{ id: 2, score: '<score>' }], name: 'x' });
  expect(value.items).toHaveLength(3);
});

test('a secret never reaches a snapshot, keys are sorted, and the text ends with a newline', () => {
  const text = snapshotText({ b: 1, password: 'hunter2', a: { d: 1, c: 2 } }, rules);
  expect(text).toBe('{\n  "a": {\n    "c": 2,\n    "d": 1\n  },\n  "b": 1,\n  "password": "***"\n}\n');
  expect(snapshotText(undefined, rules)).toBe('null\n');
});

test('changes name each path that was added, removed or changed', () => {
  const changes = jsonChanges({ version: '1', items: [1, 2], old: true, 'odd key': 1 }, { version: '2', items: [1], new: 'x', 'odd key': 2 }).map(describeChange);
  expect(changes).toEqual([
    '$.version: "1" → "2"',
    '$.items[1]: removed (was 2)',
    '$.old: removed (was true)',
    '$["odd key"]: 1 → 2',
    '$.new: added "x"',
  ]);
  expect(jsonChanges({ a: [1] }, { a: [1] })).toEqual([]);
});
