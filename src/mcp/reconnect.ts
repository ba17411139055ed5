// Reconnection as Claude Code does it for a lost server: a new client and session per attempt, with
// exponential backoff (1 s, 2 s, 4 s … capped), a bounded number of attempts, each one recorded.
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { messageOf } from '../common/messageOf.js';
import type { Attempt, ReconnectPolicy } from './types.js';

export function backoffDelay(attempt: number, policy: ReconnectPolicy): number {
  return Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

export interface Reconnected<T> {
  value: T | undefined;
  attempts: Attempt[];
  /** The last attempt's error when every attempt failed. */
  error?: string;
}

/** A failed attempt, already recorded. Never a TypeError: p-retry gives up at once on those. */
class AttemptFailed extends Error {}

const CLOSED = 'the session was closed while reconnecting';

/** Tries `connectOnce` up to `policy.attempts` times; stops early (without throwing) when `signal` aborts.
 * Each attempt is pushed to `attempts` as it ends, so a caller that stops waiting can say how far it got. */
export async function reconnect<T>(
  connectOnce: () => Promise<T>,
  policy: ReconnectPolicy,
  signal: AbortSignal,
  attempts: Attempt[] = [],
): Promise<Reconnected<T>> {
  let connected: { value: T } | undefined;
  let error: string | undefined;
  const once = async (attempt: number): Promise<T> => {
    const delayMs = backoffDelay(attempt, policy);
    try {
      const value = await connectOnce();
      attempts.push({ attempt, delayMs, ok: true });
      connected = { value };
      return value;
    } catch (cause) {
      error = messageOf(cause);
      attempts.push({ attempt, delayMs, ok: false, error });
      throw new AttemptFailed(error);
    }
  };
  // A server that just went away is rarely back at once: the first attempt waits too, which p-retry
  // does not do, so its delays start at the second one.
  try {
    await sleep(backoffDelay(1, policy), undefined, { signal });
  } catch {
    return { value: undefined, attempts, error: CLOSED };
  }
  try {
    const value = await pRetry(once, {
      retries: Math.max(1, policy.attempts) - 1,
      factor: 2,
      minTimeout: backoffDelay(2, policy),
      maxTimeout: policy.maxDelayMs,
      signal,
      shouldRetry: () => !signal.aborted,
    });
    return { value, attempts };
  } catch (e) {
    // p-retry rejects a success that the abort overtook; the connection is still the caller's to close.
    if (connected) return { value: connected.value, attempts };
    if (e instanceof AttemptFailed) return { value: undefined, attempts, ...(error === undefined ? {} : { error }) };
    return { value: undefined, attempts, error: CLOSED };
  }
}
