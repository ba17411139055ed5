// Runner overhead: a generated journey of 500 sequential `echo` calls, played by a real
// `npx playwright test` run of the project's config (compile, journey runner, steps, Allure parameters
// and attachments, run record), versus the bare SDK Client making the same 500 calls against the same
// server in the same run. The journey is timed from its first test step's start to its last step's end
// as Allure recorded them, so process, worker and server start-up are left out; 100 calls in its setup
// warm it up, as 100 calls warm the bare client. Rounds alternate which side goes first (ABBA); the ratio
// is the median of the per-round ratios.
//   npx tsx bench/runner.ts            (BENCH_CALLS, BENCH_ROUNDS, BENCH_TRANSPORTS=http,stdio override)
// Two variants: the journey as shipped, and with request/response attached to failed steps only.
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { defaultMcpConfig, runJourneys } from '../test/support/inline.js';
import type { AllureStep } from '../test/support/inline.js';
import { startTestServer, testServerCommand } from '../test/support/servers/spawn.js';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const TRANSPORTS = (process.env['BENCH_TRANSPORTS'] ?? 'http,stdio').split(',').map((t) => t.trim());
const WARMUP = 100;
const CALL_TITLE = 'call test.echo';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The journey: warm-up and the error case the validator asks for in setup, then the measured calls. */
function journeyYaml(calls: number): string {
  const echo = (text: string) => `  - call: test.echo\n    args: { text: "${text}" }\n`;
  const lines = [
    'test_id: 5d1c0e5a-0b1e-4b8e-9a43-7f6f3b2a9c10',
    'test_name: Sequential calls',
    `description: ${calls} sequential echo calls, timed by the runner's own steps.`,
    'servers_required: [test]',
    'setup_steps:',
    '  - call: test.fail\n    expect: { error: failed }',
    '  - call: test.echo\n    args: { text: ready }\n    expect: { result: { $.text: ready } }',
    ...Array.from({ length: WARMUP }, (_, i) => echo(`warm-up ${i}`).trimEnd()),
    'test_steps:',
    ...Array.from({ length: calls }, (_, i) => echo(`message ${i}`).trimEnd()),
  ];
  return `${lines.join('\n')}\n`;
}

/** First test step's start to last test step's stop, as Allure recorded them (ms). */
function stepSpan(steps: (AllureStep & { start?: number; stop?: number })[]): number {
  const measured = steps.filter((s) => s.name === CALL_TITLE);
  if (measured.length !== CALLS) throw new Error(`expected ${CALLS} measured steps, found ${measured.length}`);
  const first = measured[0]?.start;
  const last = measured[measured.length - 1]?.stop;
  if (first === undefined || last === undefined) throw new Error('steps without start/stop times');
  return last - first;
}

async function timeJourney(mcpConfig: unknown, env: Record<string, string>): Promise<number> {
  const run = await runJourneys({ files: { 'bench/calls.journey.yaml': journeyYaml(CALLS) }, mcpConfig, env, timeoutMs: 600_000 });
  const [result] = run.allureResults;
  if (run.exitCode !== 0 || !result || result.status !== 'passed') throw new Error(`the journey did not pass (exit ${run.exitCode}):\n${run.output.slice(-3000)}`);
  return stepSpan(result.steps);
}

async function timeBare(client: Client, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await client.callTool({ name: 'echo', arguments: { text: `message ${i}` } });
  return performance.now() - start;
}

/** The journey as shipped (parameters and request/response attachments on every step), and with
 * request/response attached to failed steps only (MCP_JOURNEYS_STEP_ATTACHMENTS=failed). */
const VARIANTS = [
  { name: 'journey', env: {} },
  { name: 'journey, attachments on failure only', env: { MCP_JOURNEYS_STEP_ATTACHMENTS: 'failed' } },
] as const;

export interface RunnerBenchResult {
  transport: string;
  variant: string;
  calls: number;
  rounds: number;
  bareMs: number;
  journeyMs: number;
  ratio: number;
}

async function compare(transport: string, mcpConfig: unknown, bareTransport: () => Transport): Promise<RunnerBenchResult[]> {
  const bare = new Client({ name: 'bench-bare', version: '1.0.0' });
  await bare.connect(bareTransport());
  try {
    await timeBare(bare, WARMUP);
    const samples = VARIANTS.map(() => ({ bare: [] as number[], journey: [] as number[], ratio: [] as number[] }));
    for (let round = 0; round < ROUNDS; round++) {
      // Each variant is paired with its own bare measurement right next to it, in alternating order.
      for (const [i, variant] of VARIANTS.entries()) {
        const bareFirst = (round + i) % 2 === 0;
        const bareBefore = bareFirst ? await timeBare(bare, CALLS) : 0;
        const journeyMs = await timeJourney(mcpConfig, variant.env);
        const bareMs = bareFirst ? bareBefore : await timeBare(bare, CALLS);
        const sample = samples[i];
        sample?.bare.push(bareMs);
        sample?.journey.push(journeyMs);
        sample?.ratio.push(journeyMs / bareMs);
        process.stdout.write(`  ${transport}, ${variant.name}, round ${round + 1}/${ROUNDS}: bare ${bareMs.toFixed(1)} ms, journey ${journeyMs.toFixed(1)} ms, ratio ${(journeyMs / bareMs).toFixed(3)}\n`);
      }
    }
    return VARIANTS.map((variant, i) => ({
      transport, variant: variant.name, calls: CALLS, rounds: ROUNDS,
      bareMs: median(samples[i]?.bare ?? []), journeyMs: median(samples[i]?.journey ?? []), ratio: median(samples[i]?.ratio ?? []),
    }));
  } finally {
    await bare.close();
  }
}

export async function main(): Promise<void> {
  const results: RunnerBenchResult[] = [];
  if (TRANSPORTS.includes('http')) {
    const http = await startTestServer({ transport: 'http', name: 'test' });
    try {
      const mcpConfig = { mcpServers: { test: { type: 'http', url: http.url } } };
      results.push(...await compare('http', mcpConfig, () => new StreamableHTTPClientTransport(new URL(http.url))));
    } finally {
      await http.stop();
    }
  }
  if (TRANSPORTS.includes('stdio')) {
    // One program, two processes: stdio gives each client its own.
    const stdio = testServerCommand('test');
    results.push(...await compare('stdio', defaultMcpConfig(), () => new StdioClientTransport({ ...stdio, stderr: 'pipe' })));
  }
  for (const r of results) {
    console.log(`runner bench (${r.transport}, ${r.variant}): ${r.calls} sequential echo calls, median of ${r.rounds} interleaved rounds: `
      + `bare SDK ${r.bareMs.toFixed(1)} ms (${(r.bareMs / r.calls).toFixed(3)} ms/call), journey ${r.journeyMs.toFixed(1)} ms `
      + `(${(r.journeyMs / r.calls).toFixed(3)} ms/call), overhead ratio ${r.ratio.toFixed(3)} (target ≤ 1.10, aim ≤ 1.03)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
