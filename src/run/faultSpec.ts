// A journey's `fault:` document → what Toxiproxy is asked for: the link disabled (`down`) or toxics, in
// Toxiproxy's own attribute names and units.
import type { ToxicSpec, ToxicStream, ToxicType } from '../faults/types.js';
import type { FaultDoc } from '../load/journey.js';

export type FaultScope = { kind: 'until_clear' } | { kind: 'steps'; count: number } | { kind: 'until'; step: string };

export interface FaultRequest {
  target: string;
  down: boolean;
  /** Unnamed: the controller names them uniquely per proxy. */
  toxics: Omit<ToxicSpec, 'name'>[];
  scope: FaultScope;
  durationMs?: number;
  /** What Allure and the step log show, e.g. `codebase-mcp latency 1500ms downstream`. */
  label: string;
}

type Toxic = { type: ToxicType; attributes: Record<string, number>; detail: string };

function toxicOf(doc: FaultDoc): Toxic | undefined {
  if (doc.latency) return { type: 'latency', attributes: { latency: doc.latency.ms, jitter: doc.latency.jitter ?? 0 }, detail: `${doc.latency.ms}ms${doc.latency.jitter ? ` ±${doc.latency.jitter}ms` : ''}` };
  if (doc.bandwidth) return { type: 'bandwidth', attributes: { rate: doc.bandwidth.kbps }, detail: `${doc.bandwidth.kbps}KB/s` };
  if (doc.slow_close) return { type: 'slow_close', attributes: { delay: doc.slow_close.delay_ms }, detail: `${doc.slow_close.delay_ms}ms` };
  if (doc.timeout) return { type: 'timeout', attributes: { timeout: doc.timeout.ms }, detail: `${doc.timeout.ms}ms` };
  if (doc.reset_peer) return { type: 'reset_peer', attributes: { timeout: doc.reset_peer.timeout_ms ?? 0 }, detail: `after ${doc.reset_peer.timeout_ms ?? 0}ms` };
  if (doc.slicer) {
    const { average_size: size, size_variation: variation = 0, delay_us: delay = 0 } = doc.slicer;
    return { type: 'slicer', attributes: { average_size: size, size_variation: variation, delay }, detail: `${size}B ±${variation}B every ${delay}µs` };
  }
  if (doc.limit_data) return { type: 'limit_data', attributes: { bytes: doc.limit_data.bytes }, detail: `${doc.limit_data.bytes}B` };
  return undefined;
}

function scopeOf(scope: FaultDoc['scope']): FaultScope {
  if (scope === undefined || scope === 'until_clear') return { kind: 'until_clear' };
  if (scope === 'next') return { kind: 'steps', count: 1 };
  if ('steps' in scope) return { kind: 'steps', count: scope.steps };
  return { kind: 'until', step: scope.until };
}

/** The doc passed validation: a target and exactly one toxic (or `down`), never with `clear`. */
export function faultRequest(doc: FaultDoc, durationMs: number | undefined): FaultRequest {
  const target = doc.target ?? '';
  const scope = scopeOf(doc.scope);
  const base = { target, scope, ...(durationMs === undefined ? {} : { durationMs }) };
  const toxic = toxicOf(doc);
  if (doc.down || !toxic) return { ...base, down: true, toxics: [], label: `${target} down` };
  const direction = doc.direction ?? 'downstream';
  const streams: ToxicStream[] = direction === 'both' ? ['upstream', 'downstream'] : [direction];
  const toxicity = doc.toxicity ?? 1;
  return {
    ...base,
    down: false,
    toxics: streams.map((stream) => ({ type: toxic.type, stream, toxicity, attributes: toxic.attributes })),
    label: `${target} ${toxic.type} ${toxic.detail} ${direction}${toxicity < 1 ? ` toxicity ${toxicity}` : ''}`,
  };
}

/** `clear: all`, one target, or a list. */
export function clearTargets(clear: string | string[]): string[] | 'all' {
  const list = ([] as string[]).concat(clear);
  return list.includes('all') ? 'all' : list;
}
