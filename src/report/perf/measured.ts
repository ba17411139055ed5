// What a benchmark or load run measured, as the result builders take it; the runtime's recorder
// (src/worker/perf/recorder.ts) produces it.
import type { LatencyHistogram } from './histogram.js';
import type { TimePoint } from './timeSeries.js';

/** Everything the result builders need from a run. */
export interface Measured {
  histogram: LatencyHistogram;
  timeSeries: TimePoint[];
  total: number;
  failed: number;
  errors: Record<string, number>;
}
