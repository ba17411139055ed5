// `fault:` → what Toxiproxy is asked for (the link disabled, or toxics in its own attribute names and
// units, one per direction), with the scope and duration resolved; or the targets a `clear` lifts.
import { durationMs } from '../../common/duration.js';
import type { FaultDoc, FaultStepDoc } from '../../load/journey.js';
import type { FaultRequest, FaultScope, FaultStepPlan, ToxicKind, ToxicPlan } from '../plan.js';
import type { StepContext, StepSite } from './context.js';

type Toxic = { type: ToxicKind; attributes: Record<string, number>; detail: string };

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
  const streams: ToxicPlan['stream'][] = direction === 'both' ? ['upstream', 'downstream'] : [direction];
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

export function compileFault(d: FaultStepDoc, site: StepSite, _ctx: StepContext): FaultStepPlan {
  const doc = d.fault;
  if (doc.clear !== undefined) return { kind: 'fault', ...site.base, fault: { op: 'clear', targets: clearTargets(doc.clear) } };
  const request = faultRequest(doc, doc.duration === undefined ? undefined : durationMs(doc.duration));
  return { kind: 'fault', ...site.base, fault: { op: 'add', request } };
}
