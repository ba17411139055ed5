// The Performance Benchmark Result and Load Test Result as written to test-results/ (the shapes of
// schemas/benchmark-result.schema.json and schemas/load-test-result.schema.json), and their parts.
import type { MachineInfo } from './machine.js';
import type { TimePoint } from './timeSeries.js';

/** A histogram as stored in a result file (histogram.ts encodes and decodes it). */
export interface EncodedHistogram {
  format: 'hdr-v2-compressed-base64';
  /** Recorded values are whole microseconds. */
  unit: 'us';
  significant_digits: number;
  count: number;
  data: string;
}

export type PerfKind = 'benchmark' | 'load';

export type LoadProfileName = 'normal' | 'stress' | 'spike' | 'soak' | 'breaking_point' | 'churn';

/** Latency figures of either result, under one set of names (see figuresOf). */
export interface LatencyFigures {
  min_ms: number;
  mean_ms: number;
  p50_ms: number;
  p90_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

/** Measured in the same run, before the measurement (worker/perf/calibration.ts). */
export interface Calibration {
  server: string;
  /** p50 of `ping` to the server over the same transport; absent when no ping was answered. */
  ping_p50_ms?: number;
  pings: number;
  /** A fixed CPU loop in the runner. */
  cpu_ms: number;
}

/** How a result compared with its baseline (see baseline.ts). */
export interface BaselineComparison {
  status: 'passed' | 'regressed' | 'updated' | 'no-baseline';
  key: string;
  threshold: number;
  run_p95_ms: number;
  baseline_p95_ms?: number;
  limit_p95_ms?: number;
  ratio?: number;
  baseline_recorded_at?: string;
  baseline_machine?: MachineInfo;
  run_machine: MachineInfo;
  same_hardware?: boolean;
  /** This run's ping p50 over the baseline's: how much slower (over 1) the machine and transport are. */
  calibration_ratio?: number;
  /** The run's p95 on the baseline's calibration (p95 / calibration_ratio), what the gate compared when `calibrated`. */
  calibrated_p95_ms?: number;
  /** Whether the gate compared calibrated_p95_ms (the calibration moved beyond the threshold) or the absolute p95. */
  calibrated?: boolean;
  /** This run's CPU loop over the baseline's, for information. */
  cpu_ratio?: number;
  message: string;
}

export interface BenchmarkResult {
  kind: 'benchmark';
  benchmark_id: string;
  server: string;
  operation: string;
  run_timestamp: string;
  latency_p50: number;
  latency_p95: number;
  latency_p99: number;
  sample_size: number;
  test_parameters: Record<string, unknown>;
  passed: boolean;
  test_id: string;
  test_name?: string;
  latency_min: number;
  latency_mean: number;
  latency_p90: number;
  latency_max: number;
  thresholds: { p95_ms?: number };
  failures?: string[];
  errors?: Record<string, number>;
  histogram: EncodedHistogram;
  time_series: TimePoint[];
  machine: MachineInfo;
  merged_from?: string[];
  baseline?: BaselineComparison;
  calibration?: Calibration;
}

export interface ProcessUsage {
  /** Mean over the samples; 100 is one core busy. */
  cpu_percent: number;
  cpu_percent_max: number;
  /** Peak resident set size. */
  rss_bytes: number;
  rss_bytes_mean: number;
  samples: number;
}

export interface PoolStats {
  total: number;
  idle: number;
  active: number;
  waiting: number;
  max: number;
}

export interface ServerUsage {
  cpu_percent?: number;
  cpu_percent_max?: number;
  rss_bytes?: number;
  rss_bytes_mean?: number;
  samples?: number;
  pool?: PoolStats;
}

export interface ResourceUsage {
  runner: ProcessUsage;
  servers: Record<string, ServerUsage>;
}

export interface LoadParameters {
  sessions: number;
  ramp_up_ms: number;
  duration_ms?: number;
  iterations?: number;
  think_time_ms: number;
}

export interface LoadThresholds {
  p95_ms?: number;
  error_rate?: number;
}

/** One level of a breaking_point load, judged on the calls that finished during it. */
export interface BreakingLevel {
  sessions: number;
  start_ms: number;
  requests: number;
  failed: number;
  p95_ms: number;
  error_rate: number;
  held: boolean;
  reason?: string;
}

export interface BreakingPoint {
  start: number;
  step: number;
  max: number;
  level_duration_ms: number;
  last_held?: number;
  first_broken?: number;
  reason?: string;
  levels: BreakingLevel[];
}

export interface ConnectionCounts {
  opened: number;
  closed: number;
  failed: number;
  per_second: number;
}

export interface LoadTestResult {
  kind: 'load';
  load_test_id: string;
  server: string;
  concurrent_clients: number;
  test_duration_seconds: number;
  total_requests: number;
  successful_requests: number;
  failed_requests: number;
  avg_latency_ms: number;
  p95_latency_ms: number;
  max_latency_ms: number;
  errors: Record<string, number>;
  resource_usage: ResourceUsage;
  test_id: string;
  test_name?: string;
  operation: string;
  servers?: string[];
  run_timestamp: string;
  profile: LoadProfileName;
  parameters: LoadParameters;
  thresholds: LoadThresholds;
  error_rate: number;
  passed: boolean;
  failures?: string[];
  min_latency_ms: number;
  p50_latency_ms: number;
  p90_latency_ms: number;
  p99_latency_ms: number;
  histogram: EncodedHistogram;
  time_series: TimePoint[];
  machine: MachineInfo;
  merged_from?: string[];
  baseline?: BaselineComparison;
  calibration?: Calibration;
  breaking_point?: BreakingPoint;
  connections?: ConnectionCounts;
  /** The execution segment this run was (--shard or MCP_JOURNEYS_SEGMENT); absent for a whole load or a merged one. */
  segment?: { index: number; count: number };
}

export type PerfResult = BenchmarkResult | LoadTestResult;

/** Thrown by the builders when the figures break one of the entity's rules. */
export class PerfRuleError extends Error {
  override readonly name = 'PerfRuleError';
  constructor(readonly problems: string[]) {
    super(`invalid performance result: ${problems.join('; ')}`);
  }
}

/** Sets passed and failures from what `failures` finds, then checks the entity's `rules`: the result,
 * or a PerfRuleError naming each broken rule. */
export function settled<T extends PerfResult>(result: T, failures: (r: T) => string[], rules: (r: T) => string[]): T {
  const found = failures(result);
  result.passed = found.length === 0;
  if (found.length > 0) result.failures = found;
  else delete result.failures;
  const problems = rules(result);
  if (problems.length > 0) throw new PerfRuleError(problems);
  return result;
}

export function figuresOf(result: PerfResult): LatencyFigures {
  if (result.kind === 'benchmark') {
    return {
      min_ms: result.latency_min, mean_ms: result.latency_mean, p50_ms: result.latency_p50, p90_ms: result.latency_p90,
      p95_ms: result.latency_p95, p99_ms: result.latency_p99, max_ms: result.latency_max,
    };
  }
  return {
    min_ms: result.min_latency_ms, mean_ms: result.avg_latency_ms, p50_ms: result.p50_latency_ms, p90_ms: result.p90_latency_ms,
    p95_ms: result.p95_latency_ms, p99_ms: result.p99_latency_ms, max_ms: result.max_latency_ms,
  };
}

/** The key results are merged and compared with baselines by: one benchmark or load test of one journey. */
export function resultKey(result: Pick<PerfResult, 'kind' | 'test_id' | 'operation'>): string {
  return `${result.kind}:${result.test_id}:${result.operation}`;
}
