// Outcome and latency expectations. A tool error is an assertion outcome, a lost server is not: each
// mismatch names the outcome that happened so reports can tell them apart (style.md rule 7).
import { formatMs } from '../../common/duration.js';
import type { ExpectationPlan, LatencyBudgetPlan, SourceLocation } from '../../compile/plan.js';
import type { OutcomeKind } from '../../mcp/types.js';
import type { Observed } from './checks.js';
import { JourneyStepError, LatencyBudgetError } from './errors.js';
import type { FailureCode } from './errors.js';
import { show } from './matchers.js';

const CODES: Record<Exclude<OutcomeKind, 'ok'>, FailureCode> = {
  tool_error: 'MCP_TOOL_ERROR',
  unavailable: 'MCP_UNAVAILABLE',
  timeout: 'MCP_TIMEOUT',
  protocol_error: 'MCP_PROTOCOL_ERROR',
  cancelled: 'MCP_CANCELLED',
};

const WORDS: Record<OutcomeKind, string> = {
  ok: 'succeeded',
  tool_error: 'returned a tool error',
  unavailable: 'found the server unavailable',
  timeout: 'timed out',
  protocol_error: 'failed with a protocol error',
  cancelled: 'was cancelled',
};

function said(observed: Observed): string {
  return observed.message ?? show(observed.value);
}

/** undefined when the step ended the way the journey expects. */
export function outcomeError(expect: ExpectationPlan, observed: Observed, what: string, stepLocation: SourceLocation): JourneyStepError | undefined {
  if (observed.kind === expect.outcome) return undefined;
  if (expect.outcome === 'ok') {
    const kind = observed.kind as Exclude<OutcomeKind, 'ok'>;
    return new JourneyStepError(`${what} ${WORDS[kind]}: ${said(observed)}`, CODES[kind], stepLocation, { expected: 'ok', actual: kind });
  }
  const detail = observed.kind === 'ok' ? `result ${show(observed.value)}` : said(observed);
  return new JourneyStepError(
    `Expected ${what} to end with outcome ${expect.outcome}, but it ${WORDS[observed.kind]}\n  Expected: ${expect.outcome}\n  Received: ${observed.kind}: ${detail}`,
    'OUTCOME_MISMATCH', expect.outcomeLocation, { expected: expect.outcome, actual: observed.kind },
  );
}

export interface LatencyVerdict {
  error?: LatencyBudgetError;
  /** Over the warning threshold but within budget. */
  warning?: string;
}

export function latencyVerdict(budget: LatencyBudgetPlan | undefined, latencyMs: number, what: string): LatencyVerdict {
  if (!budget) return {};
  if (latencyMs > budget.maxMs) {
    const message = `${what} took ${formatMs(latencyMs)}, budget ${formatMs(budget.maxMs)}\n  Expected: <= ${budget.maxMs} ms\n  Received: ${Math.round(latencyMs)} ms`;
    return { error: new LatencyBudgetError(message, budget.location, latencyMs, budget.maxMs) };
  }
  if (budget.warnMs !== undefined && latencyMs > budget.warnMs) {
    return { warning: `${what} took ${formatMs(latencyMs)}, over the warning threshold ${formatMs(budget.warnMs)} (budget ${formatMs(budget.maxMs)})` };
  }
  return {};
}
