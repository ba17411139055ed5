// reconnect() on p-retry: the waits between attempts, and the ways a round ends early.
import { expect, test } from '@playwright/test';
import { reconnect } from '../../src/mcp/reconnect.js';

const policy = { attempts: 4, initialDelayMs: 40, maxDelayMs: 100 };

test('every attempt waits its backoff first, doubling and capped, and all are recorded', async () => {
  const at: number[] = [];
  const start = performance.now();
  const out = await reconnect(() => { at.push(performance.now() - start); return Promise.reject(new Error('refused')); }, policy, new AbortController().signal);
  expect(out).toEqual({
    value: undefined,
    error: 'refused',
    attempts: [40, 80, 100, 100].map((delayMs, i) => ({ attempt: i + 1, delayMs, ok: false, error: 'refused' })),
  });
  // Each call comes at least its delay after the one before (timers never fire early).
  const gaps = at.map((t, i) => t - (at[i - 1] ?? 0));
  [40, 80, 100, 100].forEach((d, i) => expect(gaps[i]).toBeGreaterThanOrEqual(d - 2));
});

test('a TypeError (not a network one) from an attempt is retried like any other failure', async () => {
  let calls = 0;
  const out = await reconnect(() => (++calls < 3 ? Promise.reject(new TypeError("Cannot read properties of undefined (reading 'pid')")) : Promise.resolve('conn')),
    { attempts: 5, initialDelayMs: 1, maxDelayMs: 2 }, new AbortController().signal);
  expect(out.value).toBe('conn');
  expect(out.attempts.map((a) => a.ok)).toEqual([false, false, true]);
});

test('closing during a wait ends the round with the closed message and no further attempt', async () => {
  const closing = new AbortController();
  let calls = 0;
  const out = await reconnect(() => {
    calls++;
    setTimeout(() => closing.abort(), 10);
    return Promise.reject(new Error('refused'));
  }, policy, closing.signal);
  expect(calls).toBe(1);
  expect(out.error).toBe('the session was closed while reconnecting');
  expect(out.attempts).toHaveLength(1);
});

test('closing during an attempt that then fails keeps that attempt\'s error; one that succeeds keeps its value', async () => {
  const failing = new AbortController();
  const failed = await reconnect(() => { failing.abort(); return Promise.reject(new Error('the session was closed while connecting')); }, policy, failing.signal);
  expect(failed).toEqual({ value: undefined, error: 'the session was closed while connecting', attempts: [{ attempt: 1, delayMs: 40, ok: false, error: 'the session was closed while connecting' }] });

  const late = new AbortController();
  const won = await reconnect(() => { late.abort(); return Promise.resolve('conn'); }, policy, late.signal);
  expect(won).toEqual({ value: 'conn', attempts: [{ attempt: 1, delayMs: 40, ok: true }] });
});

test('closed before the first wait is over: no attempt at all', async () => {
  const out = await reconnect(() => Promise.resolve('conn'), policy, AbortSignal.abort());
  expect(out).toEqual({ value: undefined, attempts: [], error: 'the session was closed while reconnecting' });
});
