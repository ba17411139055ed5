// Applies a step's checks to its outcome. Failures are collected, not thrown one by one, so a step shows
// everything that was wrong with its result at once, each with its line.
import { isMultiValued, queryResult } from '../../common/jsonPath.js';
import type { CheckPlan, MatcherPlan, SourceLocation } from '../../compile/plan.js';
import type { CallOutcome } from '../../mcp/types.js';
import { JourneyStepError } from './errors.js';
import { evaluate, show } from './matchers.js';
import type { Subject } from './matchers.js';
import { logText, notificationList, progressOf } from './notifications.js';

export type Render = (value: unknown) => unknown;

export interface CheckFailure {
  check: CheckPlan;
  /** `$.results`, `error message`, `attempts`. */
  what: string;
  expected: string;
  actual: unknown;
  note?: string;
}

/** What a step produced, as far as checks are concerned. */
export type Observed = Pick<CallOutcome, 'kind' | 'value' | 'raw' | 'message' | 'attempts' | 'notifications'>;

export function subjectOf(check: CheckPlan, observed: Observed): { what: string; subject: Subject } {
  switch (check.subject.kind) {
    case 'result': {
      const { path } = check.subject;
      const values = queryResult(observed, path);
      const value = isMultiValued(path) ? values : values[0];
      return { what: path, subject: { present: values.length > 0, value } };
    }
    case 'message': {
      // A tool error's value is the server's own text; other failures only have the session's message.
      const own = observed.kind === 'tool_error' && typeof observed.value === 'string' ? observed.value : undefined;
      const text = own ?? observed.message ?? (typeof observed.value === 'string' ? observed.value : show(observed.value));
      return { what: 'error message', subject: { present: true, value: text } };
    }
    case 'attempts':
      return { what: 'attempts', subject: { present: true, value: Math.max(1, observed.attempts.length) } };
    case 'progress':
      return { what: 'progress', subject: { present: true, value: progressOf(observed.notifications) } };
    case 'logs':
      return { what: 'logs', subject: { present: true, value: logText(observed.notifications) } };
    case 'notifications':
      return { what: 'notifications', subject: { present: true, value: notificationList(observed.notifications) } };
  }
}

export function renderMatcher(matcher: MatcherPlan, render: Render): MatcherPlan {
  if (matcher.op === 'not') return { ...matcher, matchers: matcher.matchers.map((m) => renderMatcher(m, render)) };
  // A schema is data, not text to fill in: `${` inside it stays as written.
  return matcher.op === 'schema' ? matcher : { ...matcher, expected: render(matcher.expected) };
}

export function runChecks(checks: CheckPlan[], observed: Observed, render: Render): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const check of checks) {
    const { what, subject } = subjectOf(check, observed);
    const result = evaluate(renderMatcher(check.matcher, render), subject);
    if (result.pass) continue;
    const failure: CheckFailure = { check, what, expected: result.expected, actual: subject.present ? subject.value : undefined };
    if (result.note !== undefined) failure.note = result.note;
    failures.push(failure);
  }
  return failures;
}

export function describeFailure(f: CheckFailure): string {
  const note = f.note ? `  (${f.note})` : '';
  return `${f.what}  (line ${f.check.location.line})\n  Expected: ${f.expected}\n  Received: ${show(f.actual)}${note}`;
}

/** One error for every failed check, located at the first. */
export function failureError(failures: CheckFailure[], fallback: SourceLocation): JourneyStepError {
  const first = failures[0];
  const title = failures.length === 1 ? `Expectation failed: ${first?.what ?? ''}` : `${failures.length} expectations failed`;
  const body = failures.map(describeFailure).join('\n');
  const details = first ? { expected: first.expected, actual: first.actual, path: first.what } : {};
  return new JourneyStepError(`${title}\n${body}`, 'EXPECTATION_FAILED', first?.check.location ?? fallback, details);
}
