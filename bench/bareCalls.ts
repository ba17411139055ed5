// The runner bench's baseline, as a process of its own: the bare SDK Client connects, warms up with the
// same calls as the journey's setup, then makes the measured calls one after another and prints how long
// they took. A fresh process every round, like the Playwright worker that plays the journey, so neither
// side runs on a JIT warmed by the rounds before it. bareInWorker.spec.ts runs the same inside a
// Playwright worker, to tell what the worker costs from what the runner's own machinery costs.
//   npx tsx bench/bareCalls.ts '{"transport":"http","url":"http://127.0.0.1:1234/mcp","warmup":100,"calls":500,
//     "call":{"name":"echo","args":{"text":"hi"}},"failing":{"name":"fail","args":{}}}'
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

export type BareTarget = { transport: 'http' | 'sse'; url: string } | { transport: 'stdio'; command: string; args: string[] };
/** A tool call the bench makes: `echo` on the test server, or a realistic one (`search_code`). */
export interface BenchCall { name: string; args: Record<string, unknown> }
export type BareRequest = BareTarget & { warmup: number; calls: number; call: BenchCall; failing: BenchCall };

function transportFor(target: BareTarget): Transport {
  switch (target.transport) {
    case 'http': return new StreamableHTTPClientTransport(new URL(target.url));
    case 'sse': return new SSEClientTransport(new URL(target.url));
    case 'stdio': return new StdioClientTransport({ command: target.command, args: target.args, stderr: 'pipe' });
  }
}

/** How each call, and the measured calls together, are wrapped (bareInWorker.spec.ts: Playwright steps). */
export interface Wrapping {
  call<T>(run: () => Promise<T>): Promise<T>;
  measured<T>(run: () => Promise<T>): Promise<T>;
}

const unwrapped: Wrapping = { call: (run) => run(), measured: (run) => run() };

/** Connects, makes the setup and warm-up calls, then times the measured calls (ms). */
export async function timeCalls(request: BareRequest, wrap: Wrapping = unwrapped): Promise<number> {
  const client = new Client({ name: 'bench-bare', version: '1.0.0' });
  await client.connect(transportFor(request));
  try {
    // As the journey's setup: one failing call, one checked call, then the warm-up calls.
    const call = ({ name, args }: BenchCall) => wrap.call(() => client.callTool({ name, arguments: args }));
    await call(request.failing);
    await call(request.call);
    for (let i = 0; i < request.warmup; i++) await call(request.call);
    const start = performance.now();
    await wrap.measured(async () => {
      for (let i = 0; i < request.calls; i++) await call(request.call);
    });
    return performance.now() - start;
  } finally {
    await client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ms = await timeCalls(JSON.parse(process.argv[2] ?? '{}') as BareRequest);
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
}
