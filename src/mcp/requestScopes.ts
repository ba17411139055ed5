// Which guarded request an HTTP response of streamable HTTP belongs to, so the wire limit (wireCap.ts)
// fails that request alone. Not an AsyncLocalStorage: on Node 20 its first run turns on promise hooks for
// the whole thread, and every promise of the process (a load's thousand sessions, bare clients beside
// them) then pays for it. The SDK hands each request's options to the transport's send, with the
// JSON-RPC id it gave the request, before it fetches; the fetch carries that id in its body.
import type { TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

type TokenSink = (token: string) => void;

interface Scope {
  controller: AbortController;
  ids: RequestId[];
  lastEvent: string | undefined;
}

/** One connection's guarded requests in flight. */
export class RequestScopes {
  private readonly byToken = new Map<TokenSink, Scope>();
  private readonly byId = new Map<RequestId, AbortController>();
  private readonly byEvent = new Map<string, AbortController>();

  /** A scope for one guarded request, which may send several JSON-RPC requests (a list's pages): its
   * `onresumptiontoken` goes in the options of each, and marks them as its own. The SDK calls it with
   * each event id of their response streams, so a stream resumed after a drop (a GET with that
   * Last-Event-ID) is still the request's. */
  open(controller: AbortController): { onresumptiontoken: TokenSink; close: () => void } {
    const scope: Scope = { controller, ids: [], lastEvent: undefined };
    const onresumptiontoken: TokenSink = (token) => {
      if (scope.lastEvent !== undefined) this.byEvent.delete(scope.lastEvent);
      scope.lastEvent = token;
      this.byEvent.set(token, controller);
    };
    this.byToken.set(onresumptiontoken, scope);
    const close = (): void => {
      this.byToken.delete(onresumptiontoken);
      for (const id of scope.ids) this.byId.delete(id);
      if (scope.lastEvent !== undefined) this.byEvent.delete(scope.lastEvent);
    };
    return { onresumptiontoken, close };
  }

  /** Wraps the transport's send: a request sent with a scope's options belongs to it. */
  sent(message: JSONRPCMessage | JSONRPCMessage[], options: TransportSendOptions | undefined): void {
    const sink = options?.onresumptiontoken;
    const scope = sink && this.byToken.get(sink);
    if (!scope || Array.isArray(message) || !('method' in message) || !('id' in message)) return;
    scope.ids.push(message.id);
    this.byId.set(message.id, scope.controller);
  }

  /** The controller of the request a fetch is for: a POST's by the id in its body, a GET's by the event
   * it resumes after. Anything else (the standalone GET stream, a notification) has none. */
  find(init: RequestInit | undefined): AbortController | undefined {
    if (this.byToken.size === 0 || !init) return undefined;
    if (init.method === 'POST') {
      const id = requestIdOf(init.body);
      return id === undefined ? undefined : this.byId.get(id);
    }
    if (init.method === 'GET' && this.byEvent.size > 0) {
      const last = new Headers(init.headers).get('last-event-id');
      return last === null ? undefined : this.byEvent.get(last);
    }
    return undefined;
  }
}

const ID_KEY = ',"id":';

/** The id of the JSON-RPC request a POST body holds. The SDK's body is `JSON.stringify` of the request
 * with `jsonrpc` and `id` added last, so the id is read from the end without parsing what may be a
 * large message; any other shape is parsed whole. */
export function requestIdOf(body: RequestInit['body']): RequestId | undefined {
  if (typeof body !== 'string') return undefined;
  const at = body.lastIndexOf(ID_KEY);
  if (body.startsWith('{"method":') && at > 0 && body.endsWith('}')) {
    const id = idValue(body.slice(at + ID_KEY.length, -1));
    if (id !== undefined) return id;
  }
  try {
    const message = JSON.parse(body) as unknown;
    if (typeof message !== 'object' || message === null || !('method' in message) || !('id' in message)) return undefined;
    return typeof message.id === 'number' || typeof message.id === 'string' ? message.id : undefined;
  } catch {
    return undefined;
  }
}

const INTEGER = /^-?\d+$/;

function idValue(text: string): RequestId | undefined {
  if (INTEGER.test(text)) return Number(text);
  if (!text.startsWith('"')) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
