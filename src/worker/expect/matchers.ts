// The matchers of `expect`: each says whether it holds and, when not, what it expected in words.
import { isDeepStrictEqual } from 'node:util';
import type { MatcherOp, MatcherPlan } from '../../compile/plan.js';
import { validateSchema } from './schema.js';

export interface Subject {
  /** False when a path selected nothing. */
  present: boolean;
  value: unknown;
}

export interface MatchResult {
  pass: boolean;
  /** What the matcher wanted, in words (`at least 1 item`, `to match /x/`). */
  expected: string;
  /** Extra words about the actual value (a schema error, a length). */
  note?: string;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function show(value: unknown, max = 300): string {
  if (value === undefined) return '(nothing)';
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Object subset, array element or substring. */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string') return actual.includes(typeof expected === 'string' ? expected : show(expected));
  if (Array.isArray(actual)) return actual.some((item) => isDeepStrictEqual(item, expected) || isSubset(item, expected));
  return isSubset(actual, expected);
}

function isSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return isDeepStrictEqual(actual, expected);
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const a = actual as Record<string, unknown>;
  return Object.entries(expected).every(([k, v]) => k in a && isSubset(a[k], v));
}

function sizeOf(value: unknown): number | undefined {
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  return undefined;
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', actual: unknown, expected: unknown): boolean {
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  switch (op) {
    case 'gt': return actual > expected;
    case 'gte': return actual >= expected;
    case 'lt': return actual < expected;
    case 'lte': return actual <= expected;
  }
}

const WORDS: Record<MatcherOp, (e: unknown) => string> = {
  equals: (e) => `to equal ${show(e)}`,
  contains: (e) => `to contain ${show(e)}`,
  matches: (e) => `to match /${String(e)}/`,
  gt: (e) => `> ${show(e)}`,
  gte: (e) => `>= ${show(e)}`,
  lt: (e) => `< ${show(e)}`,
  lte: (e) => `<= ${show(e)}`,
  minItems: (e) => `at least ${show(e)} item(s)`,
  maxItems: (e) => `at most ${show(e)} item(s)`,
  length: (e) => `length ${show(e)}`,
  exists: (e) => (e === false ? 'to be absent' : 'to exist'),
  absent: (e) => (e === false ? 'to exist' : 'to be absent'),
  type: (e) => `of type ${String(e)}`,
  oneOf: (e) => `one of ${show(e)}`,
  schema: () => 'to match the schema',
};

function holds(op: MatcherOp, expected: unknown, subject: Subject): { pass: boolean; note?: string } {
  const actual = subject.value;
  switch (op) {
    case 'equals': return { pass: subject.present && isDeepStrictEqual(actual, expected) };
    case 'contains': return { pass: subject.present && contains(actual, expected) };
    case 'matches': return { pass: typeof actual === 'string' && new RegExp(String(expected)).test(actual) };
    case 'gt': case 'gte': case 'lt': case 'lte': return { pass: compare(op, actual, expected) };
    case 'minItems': case 'maxItems': case 'length': {
      const size = sizeOf(actual);
      if (size === undefined) return { pass: false, note: `a ${jsonType(actual)} has no length` };
      const pass = op === 'minItems' ? size >= Number(expected) : op === 'maxItems' ? size <= Number(expected) : size === Number(expected);
      return { pass, note: `length ${size}` };
    }
    case 'exists': return { pass: subject.present === (expected !== false) };
    case 'absent': return { pass: subject.present === (expected === false) };
    case 'type': {
      const type = jsonType(actual);
      const pass = subject.present && (expected === 'integer' ? Number.isInteger(actual) : type === expected);
      return { pass, note: `a ${subject.present ? type : 'missing value'}` };
    }
    case 'oneOf': return { pass: subject.present && Array.isArray(expected) && expected.some((e) => isDeepStrictEqual(actual, e)) };
    case 'schema': {
      const problem = validateSchema(expected, actual);
      return problem === undefined ? { pass: true } : { pass: false, note: problem };
    }
  }
}

/** `expected` values must already be rendered (templates replaced). */
export function evaluate(matcher: MatcherPlan, subject: Subject): MatchResult {
  if (matcher.op === 'not') {
    const inner = matcher.matchers.map((m) => evaluate(m, subject));
    return { pass: !inner.every((r) => r.pass), expected: `not (${inner.map((r) => r.expected).join(' and ')})` };
  }
  const result = holds(matcher.op, matcher.expected, subject);
  const out: MatchResult = { pass: result.pass, expected: WORDS[matcher.op](matcher.expected) };
  if (result.note !== undefined) out.note = result.note;
  return out;
}
