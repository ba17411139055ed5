// The stdio relay's cost and its latency toxic's accuracy: 50 `echo` calls each over direct stdio (the
// SDK's StdioClientTransport spawning the test server), over the relay without toxics (RelayTransport →
// Toxiproxy proxy → stdio host → the same server), and over the relay with a downstream latency toxic.
// Each call is timed as the session times it (performance.now() around callTool); the relay figures are
// ratios against the direct calls of the same run. Embedded Toxiproxy, or a real one with TOXIPROXY_URL.
// Run: npx tsx bench/stdioRelay.ts
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { connectToxiproxy, createFaultClient } from '../src/faults/client.js';
import { RelayTransport } from '../src/mcp/relayTransport.js';
import { StdioHost } from '../src/servers/stdioHost.js';
import { testServerCommand } from '../test/support/servers/spawn.js';

const CALLS = 50;
const WARMUP = 5;
const LATENCY_MS = 50;
const SLACK_MS = 15;

async function latencies(transport: Transport): Promise<number[]> {
  const client = new Client({ name: 'bench', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport, { timeout: 30_000 });
  try {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + CALLS; i++) {
      const started = performance.now();
      await client.callTool({ name: 'echo', arguments: { text: `message ${i}` } });
      if (i >= WARMUP) samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    await client.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

function ratioLine(what: string, samples: number[], direct: number[]): string {
  const median = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  return `  ${what}: median ${ms(median)} (${ratio(median, percentile(direct, 50))} direct)  p95 ${ms(p95)} (${ratio(p95, percentile(direct, 95))} direct)`;
}

export async function main(): Promise<void> {
  const command = testServerCommand('bench');
  const toxiproxy = await connectToxiproxy();
  const faults = createFaultClient(toxiproxy.url);
  const host = new StdioHost({ name: 'bench', ...command, env: {}, stopGraceMs: 2000 });
  const proxy = `bench-stdio-relay-${process.pid}`;
  try {
    const upstream = await host.listen();
    const state = await faults.ensureProxy({ name: proxy, listen: '127.0.0.1:0', upstream: `${upstream.host}:${upstream.port}` });
    const colon = state.listen.lastIndexOf(':');
    const address = { host: state.listen.slice(0, colon), port: Number(state.listen.slice(colon + 1)) };

    const direct = await latencies(new StdioClientTransport({ ...command, stderr: 'pipe' }));
    const relayed = await latencies(new RelayTransport(address));
    await faults.addToxic(proxy, { type: 'latency', stream: 'downstream', attributes: { latency: LATENCY_MS } });
    const toxic = await latencies(new RelayTransport(address));

    const server = toxiproxy.embedded ? 'embedded' : `real at ${toxiproxy.url}`;
    const overhead = toxic.map((t) => t - LATENCY_MS);
    const within = toxic.filter((t) => t >= LATENCY_MS && t <= LATENCY_MS + SLACK_MS).length;
    console.log(`stdioRelay: ${CALLS} echo calls each (${server} Toxiproxy)`);
    console.log(`  direct stdio baseline: median ${ms(percentile(direct, 50))}  p95 ${ms(percentile(direct, 95))}`);
    console.log(ratioLine('relay, no toxic', relayed, direct));
    console.log(ratioLine(`relay, ${LATENCY_MS} ms latency toxic`, toxic, direct));
    console.log(`  reported - ${LATENCY_MS} ms: min ${ms(Math.min(...overhead))}  max ${ms(Math.max(...overhead))}`);
    console.log(`  within [${LATENCY_MS}, ${LATENCY_MS + SLACK_MS}] ms: ${within}/${CALLS}${within === CALLS ? ' (every call)' : ' (NOT every call)'}`);
  } finally {
    await faults.removeProxy(proxy).catch(() => false);
    await host.close();
    await toxiproxy.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
