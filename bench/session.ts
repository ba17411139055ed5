// Session overhead: 500 sequential `echo` calls through openSession versus the bare SDK Client doing the
// same calls against the same server in the same run. Each round interleaves the two in blocks of 25 calls
// (ABBA order), so both see the same machine load; the ratio is the median of the per-round ratios.
//   npx tsx bench/session.ts            (BENCH_CALLS, BENCH_ROUNDS override the defaults)
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { openSession, type McpConfig, type ServerEntry } from '../src/mcp/index.js';
import { startTestServer, testServerCommand } from '../test/support/servers/spawn.js';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const WARMUP = 100;
const BLOCK = 25;
const OPTIONS = {
  callTimeoutMs: 30_000,
  startupTimeoutMs: 30_000,
  maxOutputTokens: 25_000,
  reconnect: { attempts: 5, initialDelayMs: 1000, maxDelayMs: 30_000 },
};

type Caller = (text: string) => Promise<unknown>;

async function time(call: Caller, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call(`message ${i}`);
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface SessionBenchResult {
  transport: string;
  calls: number;
  rounds: number;
  bareMs: number;
  sessionMs: number;
  ratio: number;
}

async function compare(entry: ServerEntry, bareTransport: () => Transport): Promise<SessionBenchResult> {
  const bare = new Client({ name: 'bench-bare', version: '1.0.0' });
  await bare.connect(bareTransport());
  const config: McpConfig = { source: 'bench/session.ts', servers: { [entry.name]: entry } };
  const session = await openSession(config, [entry.name], OPTIONS);
  try {
    if (session.failed.length > 0) throw new Error(session.failed.map((s) => s.error).join('; '));
    const viaBare: Caller = (text) => bare.callTool({ name: 'echo', arguments: { text } });
    const viaSession: Caller = async (text) => {
      const outcome = await session.callTool(entry.name, 'echo', { text });
      if (outcome.kind !== 'ok') throw new Error(outcome.message);
    };
    await time(viaBare, WARMUP);
    await time(viaSession, WARMUP);
    const bareTimes: number[] = [];
    const sessionTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let bareMs = 0;
      let sessionMs = 0;
      for (let block = 0; block * BLOCK < CALLS; block++) {
        const calls = Math.min(BLOCK, CALLS - block * BLOCK);
        if (block % 2 === 0) {
          bareMs += await time(viaBare, calls);
          sessionMs += await time(viaSession, calls);
        } else {
          sessionMs += await time(viaSession, calls);
          bareMs += await time(viaBare, calls);
        }
      }
      bareTimes.push(bareMs);
      sessionTimes.push(sessionMs);
      ratios.push(sessionMs / bareMs);
    }
    return { transport: entry.type, calls: CALLS, rounds: ROUNDS, bareMs: median(bareTimes), sessionMs: median(sessionTimes), ratio: median(ratios) };
  } finally {
    await session.close();
    await bare.close();
  }
}

export async function main(): Promise<void> {
  const results: SessionBenchResult[] = [];
  const stdio = testServerCommand('bench');
  results.push(await compare(
    { name: 'bench', type: 'stdio', ...stdio },
    () => new StdioClientTransport({ ...stdio, stderr: 'pipe' }),
  ));
  const http = await startTestServer({ transport: 'http', name: 'bench' });
  try {
    results.push(await compare({ name: 'bench', type: 'http', url: http.url }, () => new StreamableHTTPClientTransport(new URL(http.url))));
  } finally {
    await http.stop();
  }
  for (const r of results) {
    console.log(`session bench (${r.transport}): ${r.calls} sequential echo calls, median of ${r.rounds} interleaved rounds: `
      + `bare SDK ${r.bareMs.toFixed(1)} ms, session ${r.sessionMs.toFixed(1)} ms, overhead ratio ${r.ratio.toFixed(3)} (target ≤ 1.10)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
