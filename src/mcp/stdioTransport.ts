// The SDK's stdio client transport with our framing (noise.ts) in place of its ReadBuffer, so what the
// server writes to stdout that is not JSON-RPC is noted instead of only reported to onerror.
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ReadBuffer } from '@modelcontextprotocol/sdk/shared/stdio.js';
import { JsonRpcLines, type Noise } from './noise.js';

export class StdioTransport extends StdioClientTransport {
  constructor(params: StdioServerParameters & { maxBufferSize: number }, noise: Noise) {
    super(params);
    // The SDK keeps its framing in a private field and offers no hook; the guard makes an SDK change fail
    // loudly here rather than silently lose the noise record.
    const inner = this as unknown as { _readBuffer?: unknown };
    if (!(inner._readBuffer instanceof ReadBuffer)) throw new Error('the MCP SDK changed: StdioClientTransport has no _readBuffer to replace');
    inner._readBuffer = new JsonRpcLines({ maxBufferSize: params.maxBufferSize, noise });
  }
}
