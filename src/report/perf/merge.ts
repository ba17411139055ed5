// Results of the same benchmark or load test from several shards → one result: histograms added (so the
// percentiles are those of all calls, exactly), counts and errors by kind summed, time series
// concatenated in time order, resource usage combined (weighted means, largest peaks). Comparisons with
// baselines belong to the shard runs and are dropped; `passed` is worked out again from the thresholds.
import { createHash } from 'node:crypto';
import { benchmarkFailures, validateBenchmarkResult } from './benchmarkResult.js';
import { LatencyHistogram, mergeHistograms } from './histogram.js';
import { errorRate, loadFailures, validateLoadResult } from './loadResult.js';
import { mergeBreakingPoints, mergeConnections } from './mergeLoadParts.js';
import { mergeUsage } from './resources.js';
import { concatTimeSeries } from './timeSeries.js';
import type { BenchmarkResult, LatencyFigures, LoadTestResult, PerfResult } from './types.js';
import { resultKey, settled } from './types.js';
import { resultId } from './writeResult.js';

/** A UUID determined by the merged ids, so merging the same shards twice gives the same id. */
function mergedId(ids: readonly string[]): string {
  const hex = createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sumErrors(list: readonly (Record<string, number> | undefined)[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const errors of list) for (const [kind, n] of Object.entries(errors ?? {})) sum[kind] = (sum[kind] ?? 0) + n;
  return Object.fromEntries(Object.entries(sum).sort(([a], [b]) => a.localeCompare(b)));
}

const earliest = (list: readonly PerfResult[]): string => [...list.map((r) => r.run_timestamp)].sort()[0] ?? new Date(0).toISOString();

/** The ids of the runs a result stands for: its own, or those it was merged from. */
export function lineage(result: PerfResult): string[] {
  return result.merged_from ?? [resultId(result)];
}

/** What merging any kind starts from: the first result (the fields the shards share), the added histogram and its figures, and the runs merged. */
function common<T extends PerfResult>(list: readonly T[]): { first: T; histogram: LatencyHistogram; f: LatencyFigures; ids: string[] } {
  const [first] = list;
  if (!first) throw new Error('nothing to merge');
  const histogram = mergeHistograms(list.map((r) => LatencyHistogram.decode(r.histogram)));
  return { first, histogram, f: histogram.figures(), ids: list.flatMap(lineage) };
}

function strip<T extends PerfResult>(result: T): T {
  const copy = { ...result };
  delete copy.baseline;
  delete copy.failures;
  return copy;
}

export function mergeBenchmarks(list: readonly BenchmarkResult[]): BenchmarkResult {
  const { first, histogram, f, ids } = common(list);
  const merged: BenchmarkResult = {
    ...strip(first),
    benchmark_id: mergedId(ids), run_timestamp: earliest(list),
    latency_p50: f.p50_ms, latency_p95: f.p95_ms, latency_p99: f.p99_ms, sample_size: histogram.count,
    test_parameters: { ...first.test_parameters, shards: list.length },
    latency_min: f.min_ms, latency_mean: f.mean_ms, latency_p90: f.p90_ms, latency_max: f.max_ms,
    histogram: histogram.encode(), time_series: concatTimeSeries(list.map((r) => r.time_series)), merged_from: ids,
  };
  const errors = sumErrors(list.map((r) => r.errors));
  if (Object.keys(errors).length > 0) merged.errors = errors;
  else delete merged.errors;
  return settled(merged, benchmarkFailures, validateBenchmarkResult);
}

export function mergeLoads(list: readonly LoadTestResult[]): LoadTestResult {
  const { first, histogram, f, ids } = common(list);
  const sum = (pick: (r: LoadTestResult) => number): number => list.reduce((n, r) => n + pick(r), 0);
  const failed = sum((r) => r.failed_requests);
  const total = sum((r) => r.total_requests);
  const servers = [...new Set(list.flatMap((r) => r.servers ?? []))];
  const merged: LoadTestResult = {
    ...strip(first),
    load_test_id: mergedId(ids), run_timestamp: earliest(list),
    concurrent_clients: sum((r) => r.concurrent_clients),
    test_duration_seconds: Math.max(...list.map((r) => r.test_duration_seconds)),
    total_requests: total, successful_requests: sum((r) => r.successful_requests), failed_requests: failed,
    avg_latency_ms: f.mean_ms, p95_latency_ms: f.p95_ms, max_latency_ms: f.max_ms,
    errors: sumErrors(list.map((r) => r.errors)),
    resource_usage: mergeUsage(list.map((r) => r.resource_usage)),
    error_rate: errorRate(failed, total),
    min_latency_ms: f.min_ms, p50_latency_ms: f.p50_ms, p90_latency_ms: f.p90_ms, p99_latency_ms: f.p99_ms,
    histogram: histogram.encode(), time_series: concatTimeSeries(list.map((r) => r.time_series)), merged_from: ids,
  };
  if (servers.length > 0) merged.servers = servers;
  merged.parameters = { ...first.parameters, sessions: sum((r) => r.parameters.sessions) };
  delete merged.segment;
  delete merged.connections;
  delete merged.breaking_point;
  const connections = mergeConnections(list, merged.test_duration_seconds);
  if (connections) merged.connections = connections;
  const breaking = mergeBreakingPoints(list);
  if (breaking) merged.breaking_point = breaking;
  return settled(merged, loadFailures, validateLoadResult);
}

/**
 * Groups by key (kind, test_id, operation) in the order first seen; a key seen once is kept as it is.
 * A run counts once however often it is given (the same file twice, or a merged result next to its
 * shards): a result whose runs were already seen is left out and passed to `onSkip`.
 */
export function mergeResults(results: readonly PerfResult[], onSkip: (skipped: PerfResult) => void = () => undefined): PerfResult[] {
  const seen = new Set<string>();
  const groups = new Map<string, PerfResult[]>();
  for (const r of results) {
    if (lineage(r).some((id) => seen.has(id))) {
      onSkip(r);
      continue;
    }
    for (const id of lineage(r)) seen.add(id);
    groups.set(resultKey(r), [...(groups.get(resultKey(r)) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group;
    if (group.length === 1 && first) return first;
    return first?.kind === 'benchmark' ? mergeBenchmarks(group as BenchmarkResult[]) : mergeLoads(group as LoadTestResult[]);
  });
}
