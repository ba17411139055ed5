// Reconnection as Claude Code does it for a lost server: a new client and session per attempt, with
// exponential backoff (1 s, 2 s, 4 s … capped), a bounded number of attempts, each one recorded.
import { setTimeout as sleep } from 'node:timers/promises';
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

/** Tries `connectOnce` up to `policy.attempts` times; stops early (without throwing) when `signal` aborts. */
export async function reconnect<T>(
  connectOnce: () => Promise<T>,
  policy: ReconnectPolicy,
  signal: AbortSignal,
): Promise<Reconnected<T>> {
  const attempts: Attempt[] = [];
  let error: string | undefined;
  for (let attempt = 1; attempt <= Math.max(1, policy.attempts); attempt++) {
    const delayMs = backoffDelay(attempt, policy);
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      return { value: undefined, attempts, error: 'the session was closed while reconnecting' };
    }
    try {
      const value = await connectOnce();
      attempts.push({ attempt, delayMs, ok: true });
      return { value, attempts };
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
      attempts.push({ attempt, delayMs, ok: false, error });
      if (signal.aborted) break;
    }
  }
  return { value: undefined, attempts, ...(error === undefined ? {} : { error }) };
}
