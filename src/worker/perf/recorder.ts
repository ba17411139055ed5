// What the runtime feeds while a benchmark or load test runs: every measured call goes into one latency
// histogram, the time series and, when it failed, the count for its kind (an outcome kind such as
// `timeout`, or `assertion` when the call answered but an expectation did not hold).
import { LatencyHistogram } from '../../report/perf/histogram.js';
import { TimeSeriesBuilder } from '../../report/perf/timeSeries.js';
import type { LatencySample } from '../../report/perf/timeSeries.js';
import type { Measured } from '../../report/perf/measured.js';

export interface RecordedCall extends LatencySample {
  /** Why the call failed; required when `ok` is false. */
  kind?: string;
}

export class PerfRecorder {
  readonly histogram = LatencyHistogram.empty();
  readonly errors: Record<string, number> = {};
  private readonly series: TimeSeriesBuilder;
  private failed = 0;

  /** `windowMs`: width of a time-series window once there are too many calls to plot one by one. */
  constructor(readonly startMs: number, options: { windowMs?: number; maxPoints?: number } = {}) {
    this.series = new TimeSeriesBuilder(startMs, options.windowMs ?? 1000, options.maxPoints);
  }

  record(call: RecordedCall): void {
    this.histogram.record(call.latency_ms);
    this.series.add(call);
    if (!call.ok) {
      this.failed++;
      const kind = call.kind ?? 'error';
      this.errors[kind] = (this.errors[kind] ?? 0) + 1;
    }
  }

  get total(): number {
    return this.histogram.count;
  }

  measured(): Measured {
    return { histogram: this.histogram.copy(), timeSeries: this.series.points(), total: this.total, failed: this.failed, errors: { ...this.errors } };
  }
}
