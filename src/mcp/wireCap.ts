// The output cap on the wire: cap.ts cuts a result once it is parsed, which needs the whole reply in
// memory. Here a reply is counted while it arrives and given up once it is so large that no result within
// the cap could need that many bytes, so a 100 MB reply costs the worker its limit, not 100 MB.
import { CHARS_PER_TOKEN } from './cap.js';
import type { RequestScopes } from './requestScopes.js';

/** A result at the cap is `cap × 4` characters of text. On the wire JSON escaping can make a character
 * up to 6 bytes (`\u0000`; non-ASCII is at most 3 bytes of UTF-8 per UTF-16 unit), and structuredContent
 * may repeat the text: 2 × 6 = 12 times the cap's characters. 16 leaves room for framing and ids, so
 * every reply cap.ts could still cut in memory is read whole, and only hopeless ones are cut short. */
const WIRE_FACTOR = 16;
/** A small cap (a journey's `max_output_tokens: 50`) still reads ordinary replies whole and cuts them in
 * memory, as before. */
const WIRE_FLOOR_BYTES = 1024 * 1024;

function wireLimitBytes(maxOutputTokens: number): number {
  return Math.max(WIRE_FLOOR_BYTES, maxOutputTokens * CHARS_PER_TOKEN * WIRE_FACTOR);
}

export interface WireLimit {
  bytes: number;
  /** The token cap it came from, for messages. */
  tokens: number;
}

export function wireLimit(maxOutputTokens: number): WireLimit {
  return { bytes: wireLimitBytes(maxOutputTokens), tokens: maxOutputTokens };
}

/** A reply passed the wire limit; nothing after it on the same stream was read. */
export class OutputCapExceeded extends Error {
  override readonly name = 'OutputCapExceeded';

  constructor(readonly limit: WireLimit) {
    super(`a reply passed ${limit.bytes.toLocaleString('en-US')} bytes, far over the output cap of ${limit.tokens.toLocaleString('en-US')} tokens (MAX_MCP_OUTPUT_TOKENS)`);
  }
}

/** The SDK's stdio framing gives up on an endless line with this message (direct stdio and the relay both
 * use its ReadBuffer with the wire limit as maximum). */
const READ_BUFFER_FULL = /^ReadBuffer exceeded maximum size of \d+ bytes/;

export function isLineTooLong(error: unknown): boolean {
  return error instanceof Error && READ_BUFFER_FULL.test(error.message);
}

/** The SDK's own report of a body that cappedFetch cut (as is, or as text inside "SSE stream
 * disconnected: …"): already dealt with where it was cut, so no sign of a lost connection. */
export function isCapEcho(error: unknown): boolean {
  return error instanceof OutputCapExceeded || (error instanceof Error && error.message.includes(`${OutputCapExceeded.name}: `));
}

/** A `fetch` for the SDK's HTTP transports whose response bodies error with OutputCapExceeded once a
 * reply passes the limit: a JSON body as a whole, an event stream per event (a standalone GET stream
 * lives as long as the session, so only one event must fit). The request the response was fetched for
 * (found in `scopes`) is aborted at once, because the SDK reports a broken event stream only as text and
 * leaves the awaited request pending; a stream fetched for no request (SSE's or the standalone GET
 * stream, which carry many replies) goes to `onStreamExceeded`. */
export function cappedFetch(limit: WireLimit, onStreamExceeded: (error: OutputCapExceeded) => void, scopes: RequestScopes | undefined, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = scopes?.find(init);
    const onExceeded = (error: OutputCapExceeded): void => {
      if (request) request.abort(error);
      else onStreamExceeded(error);
    };
    const response = await inner(input, init);
    if (!response.body) return response;
    const eventStream = (response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream');
    const counted = response.body.pipeThrough(countingStream(limit, eventStream, onExceeded));
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function countingStream(limit: WireLimit, perEvent: boolean, onExceeded: (error: OutputCapExceeded) => void): TransformStream<Uint8Array, Uint8Array> {
  let pending = 0;
  let tail: Uint8Array = new Uint8Array(0);
  return new TransformStream({
    transform(chunk, controller) {
      if (perEvent) {
        // Bytes since the last blank line (the end of an event); the tail joins a boundary split across chunks.
        const joined = concat(tail, chunk);
        const end = lastEventEnd(joined);
        pending = end < 0 ? pending + chunk.length : joined.length - end;
        tail = joined.subarray(Math.max(0, joined.length - 3));
      } else {
        pending += chunk.length;
      }
      if (pending > limit.bytes) {
        const error = new OutputCapExceeded(limit);
        onExceeded(error);
        // Erroring cancels the body upstream, so the rest of the reply is never downloaded.
        controller.error(error);
        return;
      }
      controller.enqueue(chunk);
    },
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const LF = 0x0a;
const CR = 0x0d;

/** The index just past the last blank line (`\n\n`, `\r\r`, `\n\r\n`), or -1. */
function lastEventEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 1; i--) {
    const b = bytes[i];
    if (b !== LF && b !== CR) continue;
    const prev = bytes[i - 1];
    if (prev === b) return i + 1;
    if (b === LF && prev === CR && i >= 2 && bytes[i - 2] === LF) return i + 1;
  }
  return -1;
}
