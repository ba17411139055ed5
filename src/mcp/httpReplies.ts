// fetch for the HTTP transports. A POST reply with a JSON body is read here, so a body that is not JSON,
// not JSON-RPC, or cut off fails its request with the bytes it held; the SDK would report a bare
// SyntaxError, a schema error without the input, or "terminated" (which reads as a lost connection).
// SSE events are looked at on their way to the SDK, which parses them but keeps their bytes to itself.
import { createParser } from 'eventsource-parser';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { UnreadableReply, describeUnreadable, quoteBytes, type Noise } from './noise.js';
import { OutputCapExceeded } from './wireCap.js';

type Fetch = typeof fetch;

/** Events are checked (parsed a second time) only up to this size: a large result is never parsed twice,
 * and a large bad event is still noted, without its bytes, from the SDK's error. */
const CHECKED_EVENT_CHARS = 1024 * 1024;

/** For streamable HTTP. */
export function checkedFetch(noise: Noise, base: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || response.status === 202 || !response.body) return response;
    const type = mediaType(response.headers.get('content-type'));
    // The streamable HTTP transport skips events without data.
    if (type === 'text/event-stream') return watchEvents(response, noise, { skipEmpty: true });
    if (init?.method !== 'POST' || type !== 'application/json') return response;
    const bytes = await readBody(response.body);
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8'));
      for (const message of Array.isArray(data) ? data : [data]) JSONRPCMessageSchema.parse(message);
    } catch (error) {
      // A notification (or a response to the server) has no reply to read: a 200 with whatever body is
      // as good as a 202, and the SDK does not look at it.
      if (!carriesRequest(init.body)) return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
      throw new UnreadableReply(`the server sent ${describeUnreadable('a reply', bytes, error)}`, { cause: error });
    }
    // Already parsed: the SDK gets the value, not the bytes to parse a second time.
    const checked = new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(checked, 'json', { value: () => Promise.resolve(data) });
    return checked;
  };
}

/** Whether a POST body holds a JSON-RPC request (a method and an id), which its response must answer. */
function carriesRequest(body: RequestInit['body']): boolean {
  if (typeof body !== 'string') return true;
  try {
    const sent = JSON.parse(body) as unknown;
    return (Array.isArray(sent) ? sent : [sent]).some((m) => typeof m === 'object' && m !== null && 'method' in m && 'id' in m);
  } catch {
    return true;
  }
}

/** For streamable HTTP. The standalone GET stream is optional: the spec has a server without one answer
 * 405, which the SDK takes as "no stream", but many answer 404 (a stateless server has no session to find,
 * a router no GET route), which the SDK reports as an error, and a 404 reads as a lost session. A GET's
 * 404 is that 405 unless it re-opens a stream (a second GET, or one resuming after Last-Event-ID) of a
 * session: then the server, restarted, no longer knows the session. One per connection. */
export function optionalStream(base: Fetch): Fetch {
  let opened = false;
  return async (input, init) => {
    if (init?.method !== 'GET') return base(input, init);
    const response = await base(input, init);
    const reopened = opened;
    opened = true;
    if (response.status !== 404) return response;
    const headers = new Headers(init.headers);
    if (headers.has('mcp-session-id') && (reopened || headers.has('last-event-id'))) return response;
    await response.body?.cancel();
    return new Response(null, { status: 405, statusText: 'Method Not Allowed (the server answered 404)', headers: response.headers });
  };
}

/** For the legacy SSE transport's stream, whose EventSource hands on events without data too. */
export function watchedEventSource(noise: Noise, base: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body || mediaType(response.headers.get('content-type')) !== 'text/event-stream') return response;
    return watchEvents(response, noise, { skipEmpty: false });
  };
}

/** Passes the stream on unchanged, and checks each message event as the SDK will: one the SDK will reject
 * is noted with its bytes (and counted, so the SDK's own report of it is not noted twice). */
function watchEvents(response: Response, noise: Noise, options: { skipEmpty: boolean }): Response {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (event) => {
      if (event.event !== undefined && event.event !== 'message') return;
      if ((options.skipEmpty && event.data === '') || event.data.length > CHECKED_EVENT_CHARS) return;
      try {
        JSONRPCMessageSchema.parse(JSON.parse(event.data));
      } catch (error) {
        noise.noteQuoted(describeUnreadable('an event', event.data, error));
      }
    },
  });
  const watch = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      controller.enqueue(chunk);
    },
  });
  const body = response.body?.pipeThrough(watch) ?? null;
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function readBody(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    // Nothing arrived: a reset, not a reply, and the SDK's own error says so. A body cut at the wire limit
    // was whole as far as it went: the cap, not the server, ended it.
    if (chunks.length === 0 || error instanceof OutputCapExceeded) throw error;
    const got = Buffer.concat(chunks);
    throw new UnreadableReply(`the server's reply was cut off after ${got.length} bytes: ${quoteBytes(got)}`, { cause: error });
  } finally {
    reader.releaseLock();
  }
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
