// Latency histograms: HdrHistogram (hdr-histogram-js) over whole microseconds, so results keep the
// distribution, not just percentiles, and shards merge exactly (counts add; nothing is re-sampled).
// Every figure is read from the counts: a value is reported by its HDR bucket (within 0.1 % at 3
// significant digits), so p50 ≤ p95 ≤ p99 ≤ max always hold, before and after an encode/decode round trip.
import { JsHistogram, build, decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { messageOf } from '../../common/messageOf.js';
import type { EncodedHistogram, LatencyFigures } from './types.js';

export const HISTOGRAM_FORMAT: EncodedHistogram['format'] = 'hdr-v2-compressed-base64';
const SIGNIFICANT_DIGITS = 3;


export interface HistogramBin {
  from_ms: number;
  to_ms: number;
  count: number;
}

function toUs(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`latency must be a finite number of milliseconds, got ${String(ms)}`);
  return Math.max(0, Math.round(ms * 1000));
}

const usToMs = (us: number): number => us / 1000;

function fresh(): JsHistogram {
  const h = build({ bitBucketSize: 64, numberOfSignificantValueDigits: SIGNIFICANT_DIGITS, autoResize: true, useWebAssembly: false });
  if (!(h instanceof JsHistogram)) throw new Error('hdr-histogram-js did not build a JS histogram');
  return h;
}

export class LatencyHistogram {
  private constructor(private readonly hdr: JsHistogram) {}

  static empty(): LatencyHistogram {
    return new LatencyHistogram(fresh());
  }

  static of(samplesMs: Iterable<number>): LatencyHistogram {
    const h = LatencyHistogram.empty();
    for (const ms of samplesMs) h.record(ms);
    return h;
  }

  /** Throws on text that is not an encoded HDR histogram. */
  static decode(encoded: EncodedHistogram | string): LatencyHistogram {
    const data = typeof encoded === 'string' ? encoded : encoded.data;
    let decoded: unknown;
    try {
      decoded = decodeFromCompressedBase64(data, 64, false);
    } catch (error) {
      throw new Error(`not an encoded HDR histogram (${messageOf(error)})`, { cause: error });
    }
    if (!(decoded instanceof JsHistogram)) throw new Error('not an encoded HDR histogram');
    // A decoded histogram starts at the size the encoder had; later merges may need more room.
    decoded.autoResize = true;
    return new LatencyHistogram(decoded);
  }

  /** Records one latency; negative values count as 0, sub-microsecond digits are rounded off. */
  record(ms: number, count = 1): void {
    this.hdr.recordValueWithCount(toUs(ms), count);
  }

  get count(): number {
    return this.hdr.totalCount;
  }

  /** Milliseconds; 0 for an empty histogram. `p` is 0–100. */
  percentile(p: number): number {
    return this.count === 0 ? 0 : usToMs(this.hdr.getValueAtPercentile(p));
  }

  get max(): number {
    return this.percentile(100);
  }

  get min(): number {
    return this.count === 0 ? 0 : usToMs(this.hdr.getValueAtPercentile(0));
  }

  /** Mean of the bucket midpoints, to the microsecond. */
  get mean(): number {
    return this.count === 0 ? 0 : usToMs(Math.round(this.hdr.mean));
  }

  figures(): LatencyFigures {
    return {
      min_ms: this.min, mean_ms: this.mean, p50_ms: this.percentile(50), p90_ms: this.percentile(90),
      p95_ms: this.percentile(95), p99_ms: this.percentile(99), max_ms: this.max,
    };
  }

  /** Adds the other histogram's counts to this one (exact). */
  add(other: LatencyHistogram): this {
    this.hdr.add(other.hdr);
    return this;
  }

  copy(): LatencyHistogram {
    return LatencyHistogram.empty().add(this);
  }

  encode(): EncodedHistogram {
    return {
      format: HISTOGRAM_FORMAT, unit: 'us', significant_digits: SIGNIFICANT_DIGITS, count: this.count,
      data: encodeIntoCompressedBase64(this.hdr),
    };
  }

  /** Every non-empty bucket as [highest value in ms, count], ascending: the exact content, for comparisons. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.hdr.countsArrayLength; i++) {
      const count = this.hdr.getCountAtIndex(i);
      if (count > 0) out.push([usToMs(this.hdr.highestEquivalentValue(this.hdr.valueFromIndex(i))), count]);
    }
    return out;
  }

  /** Counts in `bins` equal-width bins from min to max (each bucket at its midpoint), for a chart. */
  bins(bins = 30): HistogramBin[] {
    if (this.count === 0) return [];
    const lo = this.min;
    const hi = this.max;
    // One HDR bucket has a width of its own (up to 0.1 %), which would spread equal samples over bins.
    const spread = hi > lo && this.entries().length > 1;
    const n = spread ? Math.max(1, Math.floor(bins)) : 1;
    const width = spread ? (hi - lo) / n : 1;
    const out: HistogramBin[] = Array.from({ length: n }, (_, i) => ({ from_ms: lo + i * width, to_ms: i === n - 1 ? (spread ? hi : lo + width) : lo + (i + 1) * width, count: 0 }));
    for (let i = 0; i < this.hdr.countsArrayLength; i++) {
      const count = this.hdr.getCountAtIndex(i);
      if (count === 0) continue;
      const mid = usToMs(this.hdr.medianEquivalentValue(this.hdr.valueFromIndex(i)));
      const bin = out[Math.min(n - 1, Math.max(0, Math.floor((mid - lo) / width)))];
      if (bin) bin.count += count;
    }
    return out;
  }
}

/** One histogram with the counts of all of them. */
export function mergeHistograms(histograms: Iterable<LatencyHistogram>): LatencyHistogram {
  const merged = LatencyHistogram.empty();
  for (const h of histograms) merged.add(h);
  return merged;
}
