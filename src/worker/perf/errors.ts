// How a benchmark or load journey fails, one error per reason so reports group them: calls that failed
// (or a crashed server), a p95 over its target (a latency failure), a p95 over its baseline (a regression).
import type { SourceLocation } from '../../compile/plan.js';
import { JourneyStepError, LatencyBudgetError } from '../expect/errors.js';

export class PerformanceRegressionError extends JourneyStepError {
  override name = 'PerformanceRegressionError';

  constructor(message: string, location: SourceLocation, readonly p95Ms: number, readonly baselineP95Ms: number | undefined) {
    super(message, 'PERF_REGRESSION', location, { expected: baselineP95Ms, actual: p95Ms });
  }
}

export class LoadErrorsError extends JourneyStepError {
  override name = 'LoadErrorsError';

  constructor(message: string, location: SourceLocation, readonly errors: Record<string, number>) {
    super(message, 'PERF_ERRORS', location, { actual: errors });
  }
}

export function targetMissed(message: string, location: SourceLocation, p95Ms: number, targetMs: number): JourneyStepError {
  return new LatencyBudgetError(message, location, p95Ms, targetMs);
}
