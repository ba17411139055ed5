// Latency toxic accuracy: 50 HTTP request/response round trips over loopback through a 200 ms
// downstream latency toxic, against the same calls made directly in the same run (the baseline).
// Then the same through the runner's Claude Code session: 50 MCP tool calls (streamable HTTP, test server)
// through the toxic, and the latency the session reports for each, which is what a journey step shows.
// Uses the embedded Toxiproxy, or a real one when TOXIPROXY_URL is set.
// Run: npx tsx bench/faults.ts
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { connectToxiproxy, createFaultClient } from '../src/faults/client.js';
import type { FaultClient } from '../src/faults/client.js';
import { DEFAULT_SESSION_OPTIONS, openSession } from '../src/mcp/index.js';
import { startTestServer } from '../test/support/servers/spawn.js';

const LATENCY_MS = 200;
const CALLS = 50;
const WARMUP = 3;

function get(port: number, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(port: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < WARMUP; i++) await get(port, agent);
    const samples: number[] = [];
    for (let i = 0; i < CALLS; i++) samples.push(await get(port, agent));
    return samples;
  } finally {
    agent.destroy();
  }
}

function stats(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? (sorted[Math.floor(middle)] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { min: sorted[0] ?? 0, median, max: sorted.at(-1) ?? 0 };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Reported latency of MCP calls through the toxic, as the session measures them (direct run first). */
async function sessionLatencies(client: FaultClient, name: string): Promise<{ direct: number[]; proxied: number[] }> {
  const server = await startTestServer({ transport: 'http', name: 'bench' });
  try {
    const proxy = await client.ensureProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${server.port}` });
    const through = new URL(server.url);
    through.port = proxy.listen.slice(proxy.listen.lastIndexOf(':') + 1);
    const run = async (url: string): Promise<number[]> => {
      const config = { source: 'bench', servers: { bench: { name: 'bench', type: 'http' as const, url } } };
      const session = await openSession(config, ['bench'], DEFAULT_SESSION_OPTIONS);
      try {
        const samples: number[] = [];
        for (let i = 0; i < WARMUP + CALLS; i++) {
          const outcome = await session.callTool('bench', 'echo', { text: 'x' });
          if (outcome.kind !== 'ok') throw new Error(`echo ${outcome.kind}: ${outcome.message ?? ''}`);
          if (i >= WARMUP) samples.push(outcome.latencyMs);
        }
        return samples;
      } finally {
        await session.close();
      }
    };
    const direct = await run(server.url);
    await client.addToxic(name, { type: 'latency', attributes: { latency: LATENCY_MS } });
    return { direct, proxied: await run(through.toString()) };
  } finally {
    await client.removeProxy(name).catch(() => false);
    await server.stop();
  }
}

function report(what: string, direct: number[], proxied: number[], server: string): void {
  const overhead = stats(proxied.map((t) => t - LATENCY_MS));
  const baseline = stats(direct);
  const within = proxied.filter((t) => t >= LATENCY_MS && t <= LATENCY_MS + 15).length;
  console.log(`faults: ${CALLS} ${what} through a ${LATENCY_MS} ms latency toxic (${server} Toxiproxy)`);
  console.log(`  reported - ${LATENCY_MS} ms: min ${ms(overhead.min)}  median ${ms(overhead.median)}  max ${ms(overhead.max)}`);
  console.log(`  within [${LATENCY_MS}, ${LATENCY_MS + 15}] ms: ${within}/${CALLS} (${((100 * within) / CALLS).toFixed(0)}%)`);
  console.log(`  direct baseline: min ${ms(baseline.min)}  median ${ms(baseline.median)}  max ${ms(baseline.max)}`);
  console.log(`  ratio median overhead / median direct call: ${(overhead.median / baseline.median).toFixed(2)}x`);
}

export async function main(): Promise<void> {
  const upstream = createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const upstreamPort = (upstream.address() as AddressInfo).port;
  const toxiproxy = await connectToxiproxy();
  const client = createFaultClient(toxiproxy.url);
  const name = `bench-latency-${process.pid}`;
  try {
    const proxy = await client.ensureProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` });
    await client.addToxic(name, { type: 'latency', attributes: { latency: LATENCY_MS } });
    const proxyPort = Number(proxy.listen.slice(proxy.listen.lastIndexOf(':') + 1));

    const direct = await measure(upstreamPort);
    const proxied = await measure(proxyPort);

    const server = toxiproxy.embedded ? 'embedded' : `real at ${toxiproxy.url}`;
    report('HTTP round trips', direct, proxied, server);
    const session = await sessionLatencies(client, `${name}-session`);
    report('MCP tool calls of the journey session (streamable HTTP)', session.direct, session.proxied, server);
  } finally {
    await client.removeProxy(name).catch(() => false);
    await toxiproxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
