// The Performance Benchmark Result of one benchmark (a step or journey repeated N ≥ 10 times after a
// warm-up): the entity's fields, figures from the HDR histogram, and the rules of the entity checked in
// code because JSON Schema cannot compare two fields.
import { randomUUID } from 'node:crypto';
import { messageOf } from '../../common/messageOf.js';
import { LatencyHistogram } from './histogram.js';
import { machineInfo } from './machine.js';
import type { MachineInfo } from './machine.js';
import type { Measured } from './measured.js';
import type { BenchmarkResult } from './types.js';
import { settled } from './types.js';

export const MIN_SAMPLE_SIZE = 10;

export interface BenchmarkInput extends Pick<Measured, 'histogram'>, Partial<Omit<Measured, 'histogram'>> {
  testId: string;
  testName?: string;
  server: string;
  operation: string;
  /** When the measured repetitions started (after the warm-up). */
  startedAt: Date;
  /** What was run: iterations, warmup, concurrency and anything else a reader needs to repeat it. */
  parameters: Record<string, unknown>;
  targetP95Ms?: number;
  machine?: MachineInfo;
  benchmarkId?: string;
}

const fmt = (ms: number): string => `${Number(ms.toFixed(3))} ms`;

/** Why the benchmark did not meet its targets; empty when it did. */
export function benchmarkFailures(result: Pick<BenchmarkResult, 'latency_p95' | 'thresholds' | 'errors' | 'sample_size'>): string[] {
  const failures: string[] = [];
  const target = result.thresholds.p95_ms;
  if (target !== undefined && result.latency_p95 > target) failures.push(`p95 ${fmt(result.latency_p95)} is over the target ${fmt(target)}`);
  const failed = Object.values(result.errors ?? {}).reduce((a, b) => a + b, 0);
  if (failed > 0) {
    const kinds = Object.entries(result.errors ?? {}).map(([kind, n]) => `${kind}: ${n}`).join(', ');
    failures.push(`${failed} of ${result.sample_size} calls failed (${kinds})`);
  }
  return failures;
}

/** Builds the result; throws PerfRuleError when the figures break the entity's rules (e.g. fewer than 10 samples). */
export function buildBenchmarkResult(input: BenchmarkInput): BenchmarkResult {
  const errors = Object.fromEntries(Object.entries(input.errors ?? {}).filter(([, n]) => n > 0));
  const f = input.histogram.figures();
  const result: BenchmarkResult = {
    kind: 'benchmark',
    benchmark_id: input.benchmarkId ?? randomUUID(),
    server: input.server,
    operation: input.operation,
    run_timestamp: input.startedAt.toISOString(),
    latency_p50: f.p50_ms,
    latency_p95: f.p95_ms,
    latency_p99: f.p99_ms,
    sample_size: input.histogram.count,
    test_parameters: { ...input.parameters },
    passed: true,
    test_id: input.testId,
    latency_min: f.min_ms,
    latency_mean: f.mean_ms,
    latency_p90: f.p90_ms,
    latency_max: f.max_ms,
    thresholds: input.targetP95Ms !== undefined ? { p95_ms: input.targetP95Ms } : {},
    histogram: input.histogram.encode(),
    time_series: input.timeSeries ?? [],
    machine: input.machine ?? machineInfo(),
  };
  if (input.testName !== undefined) result.test_name = input.testName;
  if (Object.keys(errors).length > 0) result.errors = errors;
  return settled(result, benchmarkFailures, validateBenchmarkResult);
}

/**
 * The rules JSON Schema cannot express: the entity's (p95 ≥ p50, p99 ≥ p95, sample_size ≥ 10) and the
 * figures' agreement with the histogram they came from. Returns one message per broken rule.
 */
export function validateBenchmarkResult(result: BenchmarkResult): string[] {
  const problems: string[] = [];
  if (!(result.latency_p95 >= result.latency_p50)) problems.push(`latency_p95 (${result.latency_p95}) must be >= latency_p50 (${result.latency_p50})`);
  if (!(result.latency_p99 >= result.latency_p95)) problems.push(`latency_p99 (${result.latency_p99}) must be >= latency_p95 (${result.latency_p95})`);
  if (!(result.sample_size >= MIN_SAMPLE_SIZE)) problems.push(`sample_size (${result.sample_size}) must be >= ${MIN_SAMPLE_SIZE} for statistical validity`);
  if (!(result.latency_p50 <= result.latency_p90 && result.latency_p90 <= result.latency_p95)) {
    problems.push(`latency_p90 (${result.latency_p90}) must lie between latency_p50 (${result.latency_p50}) and latency_p95 (${result.latency_p95})`);
  }
  if (!(result.latency_max >= result.latency_p99)) problems.push(`latency_max (${result.latency_max}) must be >= latency_p99 (${result.latency_p99})`);
  if (!(result.latency_min <= result.latency_p50)) problems.push(`latency_min (${result.latency_min}) must be <= latency_p50 (${result.latency_p50})`);
  const failed = Object.values(result.errors ?? {}).reduce((a, b) => a + b, 0);
  if (failed > result.sample_size) problems.push(`errors (${failed}) must not outnumber sample_size (${result.sample_size})`);
  problems.push(...histogramAgreement(result.histogram, result.sample_size, 'sample_size'));
  return problems;
}

/** The stored histogram decodes and holds as many values as the result says it measured. */
export function histogramAgreement(histogram: BenchmarkResult['histogram'], count: number, field: string): string[] {
  try {
    const decoded = LatencyHistogram.decode(histogram);
    if (decoded.count !== count) return [`histogram holds ${decoded.count} values but ${field} is ${count}`];
    if (histogram.count !== count) return [`histogram.count (${histogram.count}) must equal ${field} (${count})`];
    return [];
  } catch (error) {
    return [`histogram: ${messageOf(error)}`];
  }
}
