// Latency histograms: percentiles against a brute-force nearest-rank computation, exact shard merges,
// and encode/decode round trips.
import { test, expect } from '@playwright/test';
import { LatencyHistogram, mergeHistograms } from '../../src/report/perf/histogram.js';
import { nearestRank } from '../../src/report/perf/timeSeries.js';

/** Deterministic pseudo-random integers (a linear congruential generator), so failures reproduce. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const PERCENTILES = [0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

test('below 2.048 ms every microsecond is its own bucket: percentiles equal the brute-force ones exactly', () => {
  const rnd = lcg(1);
  const us = Array.from({ length: 997 }, () => Math.floor(rnd() * 2048));
  const h = LatencyHistogram.of(us.map((v) => v / 1000));
  const sorted = [...us].sort((a, b) => a - b);
  for (const p of PERCENTILES) expect(h.percentile(p), `p${p}`).toBe(nearestRank(sorted, p) / 1000);
  expect(h.count).toBe(997);
  expect(h.max).toBe((sorted[sorted.length - 1] ?? 0) / 1000);
  expect(h.min).toBe((sorted[0] ?? 0) / 1000);
  expect(h.mean).toBeCloseTo(us.reduce((a, b) => a + b, 0) / us.length / 1000, 3);
});

test('over a wide range each percentile is within 0.1 % of the brute-force value', () => {
  const rnd = lcg(42);
  // Latency-like: mostly fast, a long tail up to ~30 s.
  const us = Array.from({ length: 5000 }, () => 200 + Math.floor(rnd() ** 4 * 30_000_000));
  const h = LatencyHistogram.of(us.map((v) => v / 1000));
  const sorted = [...us].sort((a, b) => a - b);
  for (const p of PERCENTILES) {
    const exact = nearestRank(sorted, p) / 1000;
    const got = h.percentile(p);
    // hdr-histogram-js reports a bucket's edge, which can sit just below a sample in it (seen: −0.03 %).
    expect(got, `p${p}`).toBeGreaterThanOrEqual(exact * 0.999 - 0.001);
    expect(got, `p${p}`).toBeLessThanOrEqual(exact * 1.001 + 0.001);
  }
  const f = h.figures();
  expect(f.p50_ms).toBeLessThanOrEqual(f.p90_ms);
  expect(f.p95_ms).toBeLessThanOrEqual(f.p99_ms);
  expect(f.p99_ms).toBeLessThanOrEqual(f.max_ms);
});

test('recording rounds to the microsecond and counts negatives as 0; NaN is refused', () => {
  const h = LatencyHistogram.of([1.0004, 1.0006, -3]);
  expect(h.entries()).toEqual([[0, 1], [1, 1], [1.001, 1]]);
  expect(() => h.record(Number.NaN)).toThrow(/finite number/);
  expect(LatencyHistogram.empty().figures()).toEqual({ min_ms: 0, mean_ms: 0, p50_ms: 0, p90_ms: 0, p95_ms: 0, p99_ms: 0, max_ms: 0 });
});

test('merging two shards gives exactly the histogram of all their samples, also through encode/decode', () => {
  const rnd = lcg(7);
  const a = Array.from({ length: 3000 }, () => 0.05 + rnd() ** 3 * 2500);
  const b = Array.from({ length: 1700 }, () => 40 + rnd() * 9000); // a slower shard: other bucket ranges
  const all = LatencyHistogram.of([...a, ...b]);
  const direct = mergeHistograms([LatencyHistogram.of(a), LatencyHistogram.of(b)]);
  const viaFiles = mergeHistograms([LatencyHistogram.decode(LatencyHistogram.of(a).encode()), LatencyHistogram.decode(LatencyHistogram.of(b).encode().data)]);
  for (const merged of [direct, viaFiles]) {
    expect(merged.count).toBe(a.length + b.length);
    expect(merged.entries()).toEqual(all.entries());
    expect(merged.figures()).toEqual(all.figures());
  }
  // Merge order does not matter either.
  expect(mergeHistograms([LatencyHistogram.of(b), LatencyHistogram.of(a)]).entries()).toEqual(all.entries());
});

test('the encoding is compact, round-trips and is refused when it is not a histogram', () => {
  const rnd = lcg(3);
  const h = LatencyHistogram.of(Array.from({ length: 10_000 }, () => rnd() * 500));
  const encoded = h.encode();
  expect(encoded).toMatchObject({ format: 'hdr-v2-compressed-base64', unit: 'us', significant_digits: 3, count: 10_000 });
  expect(encoded.data.length).toBeLessThan(12_000);
  const back = LatencyHistogram.decode(encoded);
  expect(back.entries()).toEqual(h.entries());
  expect(back.figures()).toEqual(h.figures());
  expect(() => LatencyHistogram.decode('bm90IGEgaGlzdG9ncmFt')).toThrow(/not an encoded HDR histogram/);
});

test('chart bins cover min to max and hold every call', () => {
  const h = LatencyHistogram.of([1, 2, 2, 3, 10, 10, 10, 50]);
  const bins = h.bins(10);
  expect(bins).toHaveLength(10);
  expect(bins.reduce((n, b) => n + b.count, 0)).toBe(8);
  expect(bins[0]?.from_ms).toBe(1);
  expect(bins[9]?.to_ms).toBeGreaterThanOrEqual(50);
  expect(bins[9]?.to_ms).toBeLessThanOrEqual(50 * 1.001);
  expect(LatencyHistogram.of([5, 5, 5]).bins(10)).toEqual([{ from_ms: 5, to_ms: 6, count: 3 }]);
});
