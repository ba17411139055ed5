// `expect`, `eventually` and matcher documents → flat lists of checks, each with its own YAML location,
// so a failure can point at the exact line that expected something.
import { durationMs } from '../common/duration.js';
import type { EventuallyDoc, ExpectDoc, MatcherDoc, MatcherObject, OutcomeKind, ResultMatchers } from '../load/journey.js';
import type { CheckPlan, EventuallyPlan, ExpectationPlan, MatcherOp, MatcherPlan, SourceLocation } from './plan.js';
import type { DocPath, Locator } from './source.js';

const OPS: readonly MatcherOp[] = [
  'equals', 'contains', 'matches', 'gt', 'gte', 'lt', 'lte', 'minItems', 'maxItems', 'length',
  'exists', 'absent', 'type', 'oneOf', 'schema',
];

function isMatcherObject(doc: MatcherDoc): doc is MatcherObject {
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc);
}

/** A scalar means `equals`; an object gives one matcher per key, in the order written. */
export function compileMatcher(doc: MatcherDoc, at: DocPath, loc: Locator): MatcherPlan[] {
  if (!isMatcherObject(doc)) return [{ op: 'equals', expected: doc, location: loc.key(at) }];
  const matchers: MatcherPlan[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const path = [...at, key];
    if (key === 'not') {
      matchers.push({ op: 'not', matchers: compileMatcher(value as MatcherDoc, path, loc), location: loc.key(path) });
    } else if ((OPS as readonly string[]).includes(key)) {
      matchers.push({ op: key as MatcherOp, expected: value, location: loc.key(path) });
    }
  }
  return matchers;
}

export function compileResultChecks(doc: ResultMatchers | undefined, at: DocPath, loc: Locator): CheckPlan[] {
  if (!doc) return [];
  return Object.entries(doc).flatMap(([path, matcher]) =>
    compileMatcher(matcher, [...at, path], loc).map((m) => ({ subject: { kind: 'result' as const, path }, matcher: m, location: m.location })),
  );
}

function messageChecks(doc: unknown, at: DocPath, loc: Locator): CheckPlan[] {
  if (doc === true || doc === undefined || doc === null) return [];
  const matchers = typeof doc === 'string'
    ? [{ op: 'contains' as const, expected: doc, location: loc.key(at) }]
    : compileMatcher(doc, at, loc);
  return matchers.map((m) => ({ subject: { kind: 'message' as const }, matcher: m, location: m.location }));
}

/** What a step's `expect` asks for; without one, the step must simply succeed. */
export function compileExpect(doc: ExpectDoc | undefined, at: DocPath, stepLocation: SourceLocation, loc: Locator): ExpectationPlan {
  if (!doc) return { outcome: 'ok', outcomeLocation: stepLocation, checks: [] };
  const outcomeKeys: [keyof ExpectDoc, OutcomeKind][] = [
    ['outcome', doc.outcome ?? 'ok'], ['error', 'tool_error'], ['unavailable', 'unavailable'],
    ['timeout', 'timeout'], ['protocol_error', 'protocol_error'],
  ];
  let outcome: OutcomeKind = 'ok';
  let outcomeLocation = stepLocation;
  const checks: CheckPlan[] = [];
  for (const [key, kind] of outcomeKeys) {
    const value = doc[key];
    if (value === undefined || value === false) continue;
    if (outcomeLocation === stepLocation) {
      outcome = kind;
      outcomeLocation = loc.key([...at, key]);
    }
    if (key === 'error' || key === 'protocol_error') checks.push(...messageChecks(value, [...at, key], loc));
  }
  checks.push(...compileResultChecks(doc.result, [...at, 'result'], loc));
  if (doc.schema) {
    const location = loc.key([...at, 'schema']);
    checks.push({ subject: { kind: 'result', path: '$' }, matcher: { op: 'schema', expected: doc.schema, location }, location });
  }
  for (const kind of ['attempts', 'progress', 'notifications'] as const) {
    const value = doc[kind];
    if (value === undefined) continue;
    for (const m of compileMatcher(value, [...at, kind], loc)) checks.push({ subject: { kind }, matcher: m, location: m.location });
  }
  if (doc.logs !== undefined) {
    const matchers = typeof doc.logs === 'string'
      ? [{ op: 'contains' as const, expected: doc.logs, location: loc.key([...at, 'logs']) }]
      : compileMatcher(doc.logs, [...at, 'logs'], loc);
    for (const m of matchers) checks.push({ subject: { kind: 'logs' }, matcher: m, location: m.location });
  }
  const plan: ExpectationPlan = { outcome, outcomeLocation, checks };
  if (doc.snapshot !== undefined) {
    const s = typeof doc.snapshot === 'string' ? { name: doc.snapshot } : doc.snapshot;
    plan.snapshot = { name: s.name, ignore: s.ignore ?? [], mask: { ...s.mask }, volatile: s.volatile ?? true, location: loc.key([...at, 'snapshot']), diff: 'json' };
  }
  if (doc.latency_ms !== undefined) {
    const budget = typeof doc.latency_ms === 'number' ? { max: doc.latency_ms } : doc.latency_ms;
    plan.latency = { maxMs: budget.max, location: loc.key([...at, 'latency_ms']) };
    if (budget.warn !== undefined) plan.latency.warnMs = budget.warn;
  }
  return plan;
}

const DEFAULT_INTERVAL_MS = 500;

export function compileEventually(doc: EventuallyDoc | undefined, at: DocPath, loc: Locator): EventuallyPlan | undefined {
  if (!doc) return undefined;
  return {
    intervalMs: doc.interval === undefined ? DEFAULT_INTERVAL_MS : durationMs(doc.interval),
    timeoutMs: durationMs(doc.timeout),
    until: compileResultChecks(doc.until, [...at, 'until'], loc),
    failIf: compileResultChecks(doc.fail_if, [...at, 'fail_if'], loc),
    location: loc.key(at),
  };
}
