// Errors a journey step fails with. Each carries a code, the category reports group it by, and a YAML location;
// its stack is rewritten to name that location, so Playwright prints a YAML code frame with a caret.
import type { SourceLocation } from '../../compile/plan.js';
import { frameFile } from '../maskedSource.js';

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
  | 'MCP_CANCELLED'
  | 'EVENTUALLY_TIMEOUT'
  | 'EVENTUALLY_FAIL_IF'
  | 'SAVE_MISSING'
  | 'SNAPSHOT_MISMATCH'
  | 'TEMPLATE'
  | 'FAULT_SETUP'
  | 'SERVER_CONTROL'
  | 'ASSERTION'
  | 'PERF_REGRESSION'
  | 'PERF_ERRORS'
  | 'JOURNEY_TIMEOUT'
  | 'UNANSWERED_REQUEST'
  | 'RUNTIME';

/** Each code sorts into one category, so no throw site can pair them differently. A code that would need
 * two categories is two codes. */
export const FAILURE_CATEGORIES: Readonly<Record<FailureCode, FailureCategory>> = {
  EXPECTATION_FAILED: 'assertion',
  LATENCY_BUDGET: 'latency',
  OUTCOME_MISMATCH: 'assertion',
  MCP_TOOL_ERROR: 'tool_error',
  MCP_UNAVAILABLE: 'unavailable',
  MCP_TIMEOUT: 'timeout',
  MCP_PROTOCOL_ERROR: 'protocol_error',
  // Cancelled by the journey's own cancel_after before the answer came: the server was too slow for it.
  MCP_CANCELLED: 'timeout',
  EVENTUALLY_TIMEOUT: 'assertion',
  EVENTUALLY_FAIL_IF: 'assertion',
  SAVE_MISSING: 'assertion',
  SNAPSHOT_MISMATCH: 'assertion',
  TEMPLATE: 'assertion',
  FAULT_SETUP: 'runtime',
  SERVER_CONTROL: 'runtime',
  ASSERTION: 'assertion',
  PERF_REGRESSION: 'performance_regression',
  PERF_ERRORS: 'load_errors',
  JOURNEY_TIMEOUT: 'timeout',
  UNANSWERED_REQUEST: 'assertion',
  RUNTIME: 'runtime',
};

export class JourneyStepError extends Error {
  override name = 'JourneyStepError';
  readonly category: FailureCategory;

  constructor(
    message: string,
    readonly code: FailureCode,
    readonly location: SourceLocation,
    readonly details: { expected?: unknown; actual?: unknown; path?: string } = {},
  ) {
    super(message);
    this.category = FAILURE_CATEGORIES[code];
  }
}

/** A step that worked but took longer than its `expect.latency_ms` budget. */
export class LatencyBudgetError extends JourneyStepError {
  override name = 'LatencyBudgetError';

  constructor(message: string, location: SourceLocation, readonly latencyMs: number, readonly budgetMs: number) {
    super(`Latency budget exceeded: ${message}`, 'LATENCY_BUDGET', location, { expected: budgetMs, actual: latencyMs });
  }
}

/** A stack frame line for a YAML position (into a masked copy of the file when it holds a secret). */
export function stackFrame(title: string, location: SourceLocation): string {
  return `    at ${title.replace(/[()\n]/g, ' ')} (${frameFile(location.file)}:${location.line}:${location.column})`;
}

/** Points the error's stack at YAML positions (innermost first): Playwright shows a code frame for the first. */
export function locateError(error: Error, frames: { title: string; location: SourceLocation }[]): Error {
  const lines = frames.map(({ title, location }) => stackFrame(title, location));
  error.stack = `${error.name}: ${error.message}\n${lines.join('\n')}`;
  return error;
}
