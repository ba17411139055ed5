// Recorded exchanges → the journey's steps: one per tools/call, resources/read and prompts/get (the
// lists, initialize and pings are the session's own noise), a request repeated until its answer changed
// as one `eventually` step, and each with its expectation: the outcome, the shape of the result, and a
// latency budget from what was observed.
import { isDeepStrictEqual } from 'node:util';
import { resourceValue, toolValue } from '../mcp/outcome.js';
import { latencyBudget, pollTiming } from './recordBudget.js';
import type { Exchange } from './recordExchanges.js';
import { nounOf } from './recordLinks.js';

export type Outcome = 'ok' | 'tool_error' | 'protocol_error';

export interface RecordedStep {
  kind: 'call' | 'read' | 'get_prompt';
  server: string;
  /** The tool, the prompt, or the uri. */
  target: string;
  /** What the request sent: a call's or a prompt's arguments, a read's `{ uri }`. */
  sent: Record<string, unknown>;
  outcome: Outcome;
  /** The journey's `$` of the (last) answer. */
  value: unknown;
  errorText?: string;
  latencyMs: number;
  latencyFloorMs: number;
  /** More than one attempt: the client polled until the answer changed. */
  poll?: { until: Record<string, unknown>; interval: string; timeout: string; attempts: number };
  noun: string;
}

const STEP_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Requests the session had no answer to, for a note; they make no step. */
export function unanswered(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.filter((e) => STEP_METHODS.has(e.method) && e.latencyMs === undefined);
}

export function stepsOf(exchanges: readonly Exchange[]): RecordedStep[] {
  const steps: RecordedStep[] = [];
  const answered = exchanges.filter((e) => STEP_METHODS.has(e.method) && e.latencyMs !== undefined);
  for (let i = 0; i < answered.length;) {
    const first = answered[i] as Exchange;
    let end = i + 1;
    while (end < answered.length && sameRequest(first, answered[end] as Exchange)) end++;
    const run = answered.slice(i, end);
    const poll = run.length > 1 ? pollOf(run) : undefined;
    if (poll) steps.push(poll);
    else steps.push(...run.map(settled));
    i = end;
  }
  return steps;
}

function sameRequest(a: Exchange, b: Exchange): boolean {
  return a.server === b.server && a.method === b.method && isDeepStrictEqual(a.params, b.params);
}

function single(e: Exchange): RecordedStep {
  const args = isRecord(e.params['arguments']) ? e.params['arguments'] : {};
  const base = { server: e.server, latencyMs: e.latencyMs ?? 0, latencyFloorMs: e.latencyFloorMs };
  const kind = e.method === 'tools/call' ? 'call' : e.method === 'resources/read' ? 'read' : 'get_prompt';
  const target = String(kind === 'read' ? e.params['uri'] : e.params['name']);
  const sent = kind === 'read' ? { uri: target } : args;
  const noun = kind === 'call' ? nounOf(target) : kind === 'read' ? 'resource' : 'prompt';
  if (e.error) return { ...base, kind, target, sent, noun, outcome: 'protocol_error', value: undefined, errorText: e.error.message };
  const result = e.result ?? {};
  if (kind === 'call' && result['isError'] === true) {
    return { ...base, kind, target, sent, noun, outcome: 'tool_error', value: undefined, errorText: String(toolValue(result)) };
  }
  const value = kind === 'call' ? toolValue(result) : kind === 'read' ? resourceValue(result) : result;
  return { ...base, kind, target, sent, noun, outcome: 'ok', value };
}

const STATUS_KEY = /^(status|state|phase|stage|done|ready|complete|completed|finished)$/i;
const DONE = /^(completed?|done|succeeded|success|ready|finished|indexed)$/i;

/** A job read once that was already done may not be done yet when the journey plays: the step waits
 * for the status it had. */
function settled(e: Exchange): RecordedStep {
  const step = single(e);
  if (step.outcome !== 'ok' || !isRecord(step.value)) return step;
  const key = ['status', 'state'].find((k) => typeof (step.value as Record<string, unknown>)[k] === 'string' && DONE.test(String((step.value as Record<string, unknown>)[k])));
  if (key === undefined) return step;
  return { ...step, poll: { until: { [`$.${key}`]: step.value[key] }, ...pollTiming([e.t], e.t + step.latencyMs), attempts: 1 } };
}

/** A run of the same request whose answers changed: the top-level fields that changed between the first
 * and the last answer, at their last values, are what the client waited for. */
function pollOf(run: readonly Exchange[]): RecordedStep | undefined {
  const attempts = run.map(single);
  if (attempts.some((a) => a.outcome !== 'ok')) return undefined;
  const first = attempts[0]?.value;
  const last = attempts[attempts.length - 1] as RecordedStep;
  if (!isRecord(first) || !isRecord(last.value)) return undefined;
  const until: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(last.value)) {
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (scalar && !isDeepStrictEqual(first[key], value) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) until[`$.${key}`] = value;
  }
  // What a client waits for is a status, not the counters and times that change with every answer.
  const pick = (keep: (key: string, value: unknown) => boolean): Record<string, unknown> =>
    Object.fromEntries(Object.entries(until).filter(([k, v]) => keep(k.slice(2), v)));
  const statuses = pick((k) => STATUS_KEY.test(k));
  const flags = pick((_k, v) => typeof v === 'boolean');
  const words = pick((_k, v) => typeof v === 'string' && /^[A-Za-z_-]{1,32}$/.test(v));
  const chosen = [statuses, flags, words].find((c) => Object.keys(c).length > 0) ?? {};
  if (Object.keys(chosen).length === 0) return undefined;
  const lastExchange = run[run.length - 1] as Exchange;
  const timing = pollTiming(run.map((e) => e.t), lastExchange.t + (lastExchange.latencyMs ?? 0));
  return { ...last, poll: { until: chosen, ...timing, attempts: run.length } };
}

/** The expectation written for a step. */
export function expectationOf(step: RecordedStep): Record<string, unknown> {
  const budget = latencyBudget(step.latencyMs, step.latencyFloorMs);
  if (step.outcome === 'protocol_error') return { protocol_error: true };
  if (step.outcome === 'tool_error') return { error: errorNeedle(step.errorText ?? ''), latency_ms: budget };
  const expect: Record<string, unknown> = {};
  if (!step.poll) expect['latency_ms'] = budget;
  expect['result'] = shapeOf(step.value);
  return expect;
}

/** The shape of `$`: each top-level field's JSON type (or, for a value that is not an object, its own). */
export function shapeOf(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return { $: matcherFor(value) };
  const shape: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value).slice(0, 30)) shape[/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `$.${key}` : `$['${key.replace(/['\\]/g, '\\$&')}']`] = matcherFor(field);
  return Object.keys(shape).length > 0 ? shape : { $: { type: 'object' } };
}

function matcherFor(value: unknown): Record<string, unknown> {
  if (value === null) return { exists: true };
  return { type: Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value };
}

/** The first line of a tool error, which is its message; ids and times in it would change next run. */
function errorNeedle(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  const stable = line.split(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d\d-\d\dT[\d:.]+Z?/i)[0] ?? line;
  return (stable.trim() || line).slice(0, 120);
}
