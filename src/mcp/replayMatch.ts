// A recorded server's answers, looked up by request: the method and its params without `_meta`, keys
// sorted, compared whole. A request recorded several times (a poll) gets its answers in the order they
// were recorded, then the last one again. What was never recorded is answered with a JSON-RPC error that
// names the request and what the recording does hold, so the journey's step fails as a protocol_error
// that says why.

export interface RecordedExchange {
  method: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface RecordedServer {
  initialize?: unknown;
  exchanges: RecordedExchange[];
}

export type Answer = { result: unknown } | { error: { code: number; message: string } };

const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
/** Requests a client makes on its own account, answered even when the session never made them. */
const TRIVIAL = new Set(['ping', 'logging/setLevel']);

/** JSON with object keys sorted at every level: two requests that differ only in key order match. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function normalised(params: unknown): Record<string, unknown> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return {};
  const { _meta: _dropped, ...rest } = params as Record<string, unknown>;
  return rest;
}

const clip = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max)}…` : text);

export class Replay {
  private readonly answers = new Map<string, Answer[]>();
  private readonly served = new Map<string, number>();

  constructor(readonly server: string, private readonly recording: RecordedServer) {
    for (const e of recording.exchanges) {
      const key = `${e.method} ${canonical(normalised(e.params))}`;
      const list = this.answers.get(key) ?? [];
      list.push(e.error ? { error: e.error } : { result: e.result ?? {} });
      this.answers.set(key, list);
    }
  }

  answer(method: string, params: unknown): Answer {
    if (method === 'initialize' && this.recording.initialize !== undefined) return { result: this.recording.initialize };
    const key = `${method} ${canonical(normalised(params))}`;
    const list = this.answers.get(key);
    if (list && list.length > 0) {
      const n = this.served.get(key) ?? 0;
      this.served.set(key, n + 1);
      return list[Math.min(n, list.length - 1)] as Answer;
    }
    if (TRIVIAL.has(method)) return { result: {} };
    if (method === 'tools/list' && !this.recording.exchanges.some((e) => e.method === method)) return { result: { tools: this.calledTools() } };
    return { error: this.unmatched(method, normalised(params)) };
  }

  /** A session that never listed tools (Claude Code always does; a script may not): the tools it called,
   * with schemas that take anything, so a client that lists them at connect can still call them. */
  private calledTools(): { name: string; inputSchema: { type: 'object' } }[] {
    const names = new Set(this.recording.exchanges.filter((e) => e.method === 'tools/call').map((e) => normalised(e.params)['name']));
    return [...names].filter((n): n is string => typeof n === 'string').map((name) => ({ name, inputSchema: { type: 'object' } }));
  }

  private unmatched(method: string, params: Record<string, unknown>): { code: number; message: string } {
    const request = `${method}${typeof params['name'] === 'string' ? ` ${params['name']}` : ''} ${clip(canonical(params))}`;
    const same = this.recording.exchanges.filter((e) => e.method === method);
    if (same.length === 0) {
      const methods = [...new Set(this.recording.exchanges.map((e) => e.method))].join(', ') || 'none';
      return { code: METHOD_NOT_FOUND, message: `replay of ${this.server}: no recorded answer to ${request}: the recording has no ${method} request (it has: ${methods})` };
    }
    const named = typeof params['name'] === 'string' ? same.filter((e) => normalised(e.params)['name'] === params['name']) : same;
    const shown = (named.length > 0 ? named : same).slice(0, 3).map((e) => clip(canonical(normalised(e.params)), 120));
    return { code: INVALID_PARAMS, message: `replay of ${this.server}: no recorded answer to ${request}; recorded with other params: ${shown.join('; ')}` };
  }
}
