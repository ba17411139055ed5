// fetch for streamable HTTP: a POST reply with a JSON body is read here, so a body that is not JSON, not
// JSON-RPC, or cut off fails its request with the bytes it held. The SDK would report a bare SyntaxError,
// a schema error without the input, or "terminated" (which reads as a lost connection).
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { UnreadableReply, describeUnreadable, quoteBytes } from './noise.js';

type Fetch = typeof fetch;

export function checkedFetch(base: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (init?.method !== 'POST' || !response.ok || response.status === 202 || !response.body) return response;
    if (mediaType(response.headers.get('content-type')) !== 'application/json') return response;
    const bytes = await readBody(response.body);
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8'));
      for (const message of Array.isArray(data) ? data : [data]) JSONRPCMessageSchema.parse(message);
    } catch (error) {
      throw new UnreadableReply(`the server sent ${describeUnreadable('a reply', bytes, error)}`, { cause: error });
    }
    // Already parsed: the SDK gets the value, not the bytes to parse a second time.
    const checked = new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(checked, 'json', { value: () => Promise.resolve(data) });
    return checked;
  };
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
    // Nothing arrived: a reset, not a reply, and the SDK's own error says so.
    if (chunks.length === 0) throw error;
    const got = Buffer.concat(chunks);
    throw new UnreadableReply(`the server's reply was cut off after ${got.length} bytes: ${quoteBytes(got)}`, { cause: error });
  } finally {
    reader.releaseLock();
  }
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
