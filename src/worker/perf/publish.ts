// A finished benchmark or load result: compared with its baseline (or recorded as the new one), written
// to its file, attached to the report with its charts, and turned into the test's verdict.
import { basename } from 'node:path';
import type { SourceLocation } from '../../compile/plan.js';
import { baselineSettings, checkBaseline, withBaseline } from '../../report/perf/baseline.js';
import { chartsFor } from '../../report/perf/charts.js';
import type { PerfResult } from '../../report/perf/types.js';
import { figuresOf } from '../../report/perf/types.js';
import { writeResult } from '../../report/perf/writeResult.js';
import type { JourneyStepError } from '../expect/errors.js';
import { LoadErrorsError, PerformanceRegressionError, targetMissed } from './errors.js';
import type { PerfHost } from './host.js';

export interface Published<T extends PerfResult> {
  result: T;
  file: string;
}

export async function publish<T extends PerfResult>(result: T, host: PerfHost, env: NodeJS.ProcessEnv = process.env): Promise<Published<T>> {
  const final = withBaseline(result, checkBaseline(result, baselineSettings(env)));
  const file = writeResult(final, host.resultsDir);
  const label = final.kind === 'benchmark' ? `benchmark ${final.operation}` : `load ${final.operation}`;
  await host.attach(basename(file), `${JSON.stringify(final, null, 2)}\n`, 'application/json');
  for (const chart of chartsFor(final)) await host.attach(`${label}: ${chart.name}`, chart.body, chart.contentType);
  return { result: final, file };
}

const kinds = (errors: Record<string, number>): string => Object.entries(errors).map(([k, n]) => `${k}: ${n}`).join(', ');

/** The first reason the result failed, as an error of its category; undefined when it passed. */
export function verdict(result: PerfResult, location: SourceLocation, extra: string[] = []): JourneyStepError | undefined {
  const what = result.kind === 'benchmark' ? `Benchmark ${result.operation}` : `Load test (${result.concurrent_clients} sessions)`;
  const errors = result.kind === 'benchmark' ? (result.errors ?? {}) : result.errors;
  const failed = Object.values(errors).reduce((a, b) => a + b, 0);
  const calls = result.kind === 'benchmark' ? result.sample_size : result.total_requests;
  // breaking_point: the thresholds found the breaking point; they are not the verdict.
  const judged = !(result.kind === 'load' && result.profile === 'breaking_point');
  const errorRule = result.kind === 'load' ? (judged ? result.thresholds.error_rate : undefined) : 0;
  if (extra.length > 0) return new LoadErrorsError(`${what}: ${extra.join('; ')}`, location, errors);
  if (failed > 0 && (errorRule === undefined ? false : failed / Math.max(1, calls) > errorRule)) {
    const example = (result.failures ?? []).find((f) => f.startsWith('for example: '));
    return new LoadErrorsError(`${what}: ${failed} of ${calls} calls failed (${kinds(errors)})${example ? `; ${example}` : ''}`, location, errors);
  }
  const p95 = figuresOf(result).p95_ms;
  const target = judged ? result.thresholds.p95_ms : undefined;
  if (target !== undefined && p95 > target) {
    return targetMissed(`${what}: p95 ${p95} ms is over the target ${target} ms`, location, p95, target);
  }
  if (result.baseline?.status === 'regressed') {
    return new PerformanceRegressionError(`${what}: ${result.baseline.message}`, location, p95, result.baseline.baseline_p95_ms);
  }
  if (!result.passed) return new LoadErrorsError(`${what}: ${(result.failures ?? []).join('; ')}`, location, errors);
  return undefined;
}
