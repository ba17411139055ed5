// The Load Test Result of one load journey (N concurrent simulated Claude Code sessions on a profile):
// the entity's fields, figures from the HDR histogram of every call, errors by kind, resource usage,
// thresholds, and the entity's rules checked in code.
import { randomUUID } from 'node:crypto';
import { histogramAgreement } from './benchmarkResult.js';
import { machineInfo } from './machine.js';
import type { MachineInfo } from './machine.js';
import type { Measured } from './measured.js';
import { summarizeUsage } from './resources.js';
import type { BreakingPoint, ConnectionCounts, LoadParameters, LoadProfileName, LoadTestResult, LoadThresholds, ResourceUsage } from './types.js';
import { settled } from './types.js';

export interface LoadInput extends Measured {
  testId: string;
  testName?: string;
  /** What each request is: `journey` (every call of test_steps) unless the runtime narrows it. */
  operation?: string;
  /** The server under test (the entity has one); `servers` lists every server the sessions used. */
  server: string;
  servers?: string[];
  startedAt: Date;
  /** How long the load ran, measured. */
  durationMs: number;
  profile: LoadProfileName;
  parameters: LoadParameters;
  thresholds?: LoadThresholds;
  /** Most sessions active at once (defaults to parameters.sessions). */
  concurrentClients?: number;
  resourceUsage?: ResourceUsage;
  machine?: MachineInfo;
  loadTestId?: string;
  breakingPoint?: BreakingPoint;
  connections?: ConnectionCounts;
  segment?: { index: number; count: number };
}

const fmt = (ms: number): string => `${Number(ms.toFixed(3))} ms`;
const pct = (rate: number): string => `${Number((rate * 100).toFixed(3))} %`;

export function errorRate(failed: number, total: number): number {
  return total === 0 ? 0 : failed / total;
}

/** Why the load test did not meet its thresholds; empty when it did. Under breaking_point the
 * thresholds find the breaking point (each level is held to them) and fail nothing. */
export function loadFailures(result: Pick<LoadTestResult, 'p95_latency_ms' | 'error_rate' | 'thresholds' | 'total_requests'> & { profile?: LoadProfileName }): string[] {
  const failures: string[] = [];
  const { p95_ms, error_rate } = result.profile === 'breaking_point' ? {} : result.thresholds;
  if (p95_ms !== undefined && result.p95_latency_ms > p95_ms) failures.push(`p95 ${fmt(result.p95_latency_ms)} is over the threshold ${fmt(p95_ms)}`);
  if (error_rate !== undefined && result.error_rate > error_rate) failures.push(`error rate ${pct(result.error_rate)} is over the threshold ${pct(error_rate)}`);
  if (result.total_requests === 0) failures.push('no request was made');
  return failures;
}

export function buildLoadResult(input: LoadInput): LoadTestResult {
  const f = input.histogram.figures();
  const result: LoadTestResult = {
    kind: 'load',
    load_test_id: input.loadTestId ?? randomUUID(),
    server: input.server,
    concurrent_clients: input.concurrentClients ?? input.parameters.sessions,
    test_duration_seconds: Math.max(0, Math.round(input.durationMs / 1000)),
    total_requests: input.total,
    successful_requests: input.total - input.failed,
    failed_requests: input.failed,
    avg_latency_ms: f.mean_ms,
    p95_latency_ms: f.p95_ms,
    max_latency_ms: f.max_ms,
    errors: Object.fromEntries(Object.entries(input.errors).filter(([, n]) => n > 0)),
    resource_usage: input.resourceUsage ?? summarizeUsage([]),
    test_id: input.testId,
    operation: input.operation ?? 'journey',
    run_timestamp: input.startedAt.toISOString(),
    profile: input.profile,
    parameters: { ...input.parameters },
    thresholds: { ...input.thresholds },
    error_rate: errorRate(input.failed, input.total),
    passed: true,
    min_latency_ms: f.min_ms,
    p50_latency_ms: f.p50_ms,
    p90_latency_ms: f.p90_ms,
    p99_latency_ms: f.p99_ms,
    histogram: input.histogram.encode(),
    time_series: input.timeSeries,
    machine: input.machine ?? machineInfo(),
  };
  if (input.testName !== undefined) result.test_name = input.testName;
  if (input.servers !== undefined) result.servers = [...input.servers];
  if (input.segment !== undefined) result.segment = { ...input.segment };
  if (input.breakingPoint !== undefined) result.breaking_point = input.breakingPoint;
  if (input.connections !== undefined) result.connections = { ...input.connections, per_second: Number(input.connections.per_second.toFixed(3)) };
  return settled(result, loadFailures, validateLoadResult);
}

/**
 * The rules JSON Schema cannot express: the entity's (successful + failed = total, p95 ≤ max,
 * concurrent_clients > 0) and the agreement of errors, error rate and histogram with the counts.
 */
export function validateLoadResult(result: LoadTestResult): string[] {
  const problems: string[] = [];
  if (result.successful_requests + result.failed_requests !== result.total_requests) {
    problems.push(`successful_requests (${result.successful_requests}) + failed_requests (${result.failed_requests}) must equal total_requests (${result.total_requests})`);
  }
  if (!(result.p95_latency_ms <= result.max_latency_ms)) problems.push(`p95_latency_ms (${result.p95_latency_ms}) must be <= max_latency_ms (${result.max_latency_ms})`);
  if (!(result.concurrent_clients > 0)) problems.push(`concurrent_clients (${result.concurrent_clients}) must be > 0`);
  if (result.successful_requests < 0) problems.push(`successful_requests (${result.successful_requests}) must not be negative`);
  const byKind = Object.values(result.errors).reduce((a, b) => a + b, 0);
  if (byKind !== result.failed_requests) problems.push(`errors by kind add up to ${byKind} but failed_requests is ${result.failed_requests}`);
  const rate = errorRate(result.failed_requests, result.total_requests);
  if (Math.abs(result.error_rate - rate) > 1e-9) problems.push(`error_rate (${result.error_rate}) must be failed_requests / total_requests (${rate})`);
  if (!(result.p50_latency_ms <= result.p90_latency_ms && result.p90_latency_ms <= result.p95_latency_ms && result.p95_latency_ms <= result.p99_latency_ms)) {
    problems.push(`percentiles must not decrease: p50 ${result.p50_latency_ms}, p90 ${result.p90_latency_ms}, p95 ${result.p95_latency_ms}, p99 ${result.p99_latency_ms}`);
  }
  if (!(result.p99_latency_ms <= result.max_latency_ms)) problems.push(`p99_latency_ms (${result.p99_latency_ms}) must be <= max_latency_ms (${result.max_latency_ms})`);
  problems.push(...histogramAgreement(result.histogram, result.total_requests, 'total_requests'));
  return problems;
}
