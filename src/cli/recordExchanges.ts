// The recorded messages as exchanges: each request a client sent, paired with the server's answer by
// session and JSON-RPC id, in the order they were sent across every server of the recording.
import type { RecordedSession } from './recordStore.js';

export interface Exchange {
  server: string;
  method: string;
  /** The request's params without `_meta` (progress tokens differ every time). */
  params: Record<string, unknown>;
  /** The least latency budget for it (its proxy's --latency-floor). */
  latencyFloorMs: number;
  /** When it was sent, ms. */
  t: number;
  /** Unset when no answer came before the session ended. */
  latencyMs?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

interface Message {
  id?: unknown;
  method?: unknown;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function withoutMeta(params: unknown): Record<string, unknown> {
  if (!isRecord(params)) return {};
  const { _meta: _dropped, ...rest } = params;
  return rest;
}

export function exchangesOf(sessions: readonly RecordedSession[]): Exchange[] {
  const out: Exchange[] = [];
  for (const session of sessions) {
    const open = new Map<string, Exchange>();
    for (const event of session.events) {
      if (event.k !== 'msg') continue;
      // A batch is its messages one by one.
      for (const raw of Array.isArray(event.msg) ? event.msg as unknown[] : [event.msg]) {
        if (!isRecord(raw)) continue;
        const msg = raw as Message;
        if (msg.id === undefined || msg.id === null) continue;
        const key = `${event.session}\u0000${JSON.stringify(msg.id)}`;
        if (event.from === 'client' && typeof msg.method === 'string') {
          const exchange: Exchange = { server: session.server, method: msg.method, params: withoutMeta(msg.params), t: event.t, latencyFloorMs: session.latencyFloorMs };
          open.set(key, exchange);
          out.push(exchange);
        } else if (event.from === 'server' && msg.method === undefined) {
          const exchange = open.get(key);
          if (!exchange) continue;
          open.delete(key);
          exchange.latencyMs = Math.max(0, event.t - exchange.t);
          if (isRecord(msg.result)) exchange.result = msg.result;
          else if (isRecord(msg.error)) exchange.error = { code: Number(msg.error['code']), message: String(msg.error['message']) };
          else exchange.result = {};
        }
      }
    }
  }
  return out.sort((a, b) => a.t - b.t);
}
