// The timings a recorded journey gets from what was observed (README "Record a session"): a latency
// budget of max(4 × observed, 100 ms) with the warning at half of it, max(2 × observed, 50 ms), both
// rounded up to 10 ms (100 ms is the floor, `--latency-floor` to change it); and for a request the client repeated until its answer changed (a poll), its
// interval and a deadline of max(10 × the time it took, 30 s).

export interface Budget {
  max: number;
  warn: number;
}

const up10 = (ms: number): number => Math.ceil(ms / 10) * 10;

export function latencyBudget(observedMs: number, floorMs = 100): Budget {
  const observed = Math.max(0, observedMs);
  return { max: up10(Math.max(4 * observed, floorMs)), warn: up10(Math.max(2 * observed, floorMs / 2)) };
}

export interface PollTiming {
  interval: string;
  timeout: string;
}

/** `sentAt`: when each attempt was sent; `doneMs`: the last attempt's answer, on the same clock. */
export function pollTiming(sentAt: readonly number[], doneMs: number): PollTiming {
  const first = sentAt[0] ?? 0;
  const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? t)).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 200;
  const interval = Math.min(5000, Math.max(50, up10(median)));
  const timeout = Math.max(30, Math.ceil((10 * Math.max(0, doneMs - first)) / 1000));
  return { interval: `${interval}ms`, timeout: `${timeout}s` };
}
