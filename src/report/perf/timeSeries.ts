// Latency over time, for the "latency over time" chart and for soak drift. Short runs keep one point per
// call; long ones are cut into equal windows so a result file stays small. Shards' series are
// concatenated on merge (each point is relative to its own shard's start; sharded runs start together).

/** One measured call, as the runtime records it. */
export interface LatencySample {
  /** When the call started, epoch milliseconds. */
  at_ms: number;
  latency_ms: number;
  ok: boolean;
  /** Sessions active when the call started (load tests). */
  active?: number;
}

export interface TimePoint {
  /** Start of the window (or the call), milliseconds after the run started. */
  elapsed_ms: number;
  /** Width of the window; 0 for a single call. */
  window_ms: number;
  requests: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  active_sessions?: number;
}

export const DEFAULT_MAX_POINTS = 300;

const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Nearest-rank percentile of sorted values (the definition HdrHistogram uses). */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? 0;
}

function point(elapsed: number, window: number, samples: readonly LatencySample[]): TimePoint {
  const sorted = samples.map((s) => round3(s.latency_ms)).sort((a, b) => a - b);
  const p: TimePoint = {
    elapsed_ms: Math.max(0, Math.round(elapsed)), window_ms: window, requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    p50_ms: nearestRank(sorted, 50), p95_ms: nearestRank(sorted, 95), max_ms: sorted[sorted.length - 1] ?? 0,
  };
  const active = samples.map((s) => s.active).filter((a): a is number => a !== undefined);
  if (active.length > 0) p.active_sessions = Math.max(...active);
  return p;
}

interface Window {
  latencies: number[];
  errors: number;
  active?: number;
}

/**
 * Collects calls into fixed windows as they happen, so a long run holds one number per call rather than
 * one object, and keeps the calls themselves while there are few enough to plot one by one.
 */
export class TimeSeriesBuilder {
  private readonly windows = new Map<number, Window>();
  private calls: LatencySample[] | undefined = [];
  private count = 0;

  constructor(readonly startMs: number, private readonly windowMs = 1000, private readonly maxPoints = DEFAULT_MAX_POINTS) {}

  add(sample: LatencySample): void {
    this.count++;
    if (this.calls) {
      this.calls.push(sample);
      if (this.calls.length > this.maxPoints) this.calls = undefined;
    }
    const index = Math.floor((sample.at_ms - this.startMs) / this.windowMs);
    const window = this.windows.get(index) ?? { latencies: [] as number[], errors: 0 };
    window.latencies.push(sample.latency_ms);
    if (!sample.ok) window.errors++;
    if (sample.active !== undefined) window.active = Math.max(window.active ?? 0, sample.active);
    this.windows.set(index, window);
  }

  /** One point per call when there were at most maxPoints calls, else windows widened to fit maxPoints. */
  points(): TimePoint[] {
    if (this.calls) return [...this.calls].sort((a, b) => a.at_ms - b.at_ms).map((s) => point(s.at_ms - this.startMs, 0, [s]));
    const indexes = [...this.windows.keys()].sort((a, b) => a - b);
    const first = indexes[0] ?? 0;
    const span = (indexes[indexes.length - 1] ?? 0) - first + 1;
    const factor = Math.max(1, Math.ceil(span / this.maxPoints));
    const groups = new Map<number, LatencySample[]>();
    for (const index of indexes) {
      const window = this.windows.get(index);
      if (!window) continue;
      const group = Math.floor((index - first) / factor);
      const at = this.startMs + (first + group * factor) * this.windowMs;
      const samples = groups.get(group) ?? [];
      window.latencies.forEach((latency, i) => samples.push({ at_ms: at, latency_ms: latency, ok: i >= window.errors, ...(window.active !== undefined ? { active: window.active } : {}) }));
      groups.set(group, samples);
    }
    return [...groups.values()].map((samples) => point((samples[0]?.at_ms ?? this.startMs) - this.startMs, this.windowMs * factor, samples));
  }
}

/** Points of several series in time order (stable for equal times). */
export function concatTimeSeries(series: Iterable<readonly TimePoint[]>): TimePoint[] {
  return [...series].flat().sort((a, b) => a.elapsed_ms - b.elapsed_ms);
}
