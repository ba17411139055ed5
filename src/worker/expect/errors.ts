// Errors a journey step fails with. Each carries a code, a category for reports, and a YAML location;
// its stack is rewritten to name that location, so Playwright prints a YAML code frame with a caret.
import type { SourceLocation } from '../../compile/plan.js';

/** How a report groups a failure: a wrong result is not a slow one, and neither is a dead server. */
export type FailureCategory =
  | 'assertion' | 'latency' | 'tool_error' | 'unavailable' | 'timeout' | 'protocol_error' | 'runtime' | 'unsupported'
  | 'performance_regression' | 'load_errors';

export type FailureCode =
  | 'EXPECTATION_FAILED'
  | 'LATENCY_BUDGET'
  | 'OUTCOME_MISMATCH'
  | 'MCP_TOOL_ERROR'
  | 'MCP_UNAVAILABLE'
  | 'MCP_TIMEOUT'
  | 'MCP_PROTOCOL_ERROR'
  | 'EVENTUALLY_TIMEOUT'
  | 'EVENTUALLY_FAIL_IF'
  | 'SAVE_MISSING'
  | 'TEMPLATE'
  | 'SQL'
  | 'FAULT_SETUP'
  | 'SERVER_CONTROL'
  | 'ASSERTION'
  | 'PERF_REGRESSION'
  | 'PERF_TARGET'
  | 'PERF_ERRORS'
  | 'RUNTIME';

export class JourneyStepError extends Error {
  override name = 'JourneyStepError';

  constructor(
    message: string,
    readonly code: FailureCode,
    readonly category: FailureCategory,
    readonly location: SourceLocation,
    readonly details: { expected?: unknown; actual?: unknown; path?: string } = {},
  ) {
    super(message);
  }
}

/** A step that worked but took longer than its `expect.latency_ms` budget. */
export class LatencyBudgetError extends JourneyStepError {
  override name = 'LatencyBudgetError';

  constructor(message: string, location: SourceLocation, readonly latencyMs: number, readonly budgetMs: number) {
    super(`Latency budget exceeded: ${message}`, 'LATENCY_BUDGET', 'latency', location, { expected: budgetMs, actual: latencyMs });
  }
}

/** Points the error's stack at YAML positions (innermost first): Playwright shows a code frame for the first. */
export function locateError(error: Error, frames: { title: string; location: SourceLocation }[]): Error {
  const lines = frames.map(({ title, location }) => `    at ${title.replace(/[()\n]/g, ' ')} (${location.file}:${location.line}:${location.column})`);
  error.stack = `${error.name}: ${error.message}\n${lines.join('\n')}`;
  return error;
}

export function isJourneyStepError(error: unknown): error is JourneyStepError {
  return error instanceof JourneyStepError;
}
