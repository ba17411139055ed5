// Runner overhead: a generated journey of 500 sequential `echo` calls, played by a real
// `npx playwright test` run of the project's config (compile, journey runner, a test step per call,
// Allure parameters and request/response attachments, run record), versus the bare SDK Client making
// the same 500 calls against the same server in the same run. The journey is timed from its first test
// step's start to its last step's end as Allure recorded them, so process, worker and server start-up
// are left out. Both sides are fresh processes every round (bareCalls.ts) that make the same setup and
// 100 warm-up calls first. Rounds alternate which side goes first (ABBA); the ratio is the median of the
// per-round ratios.
//   npx tsx bench/runner.ts            (BENCH_CALLS, BENCH_ROUNDS, BENCH_TRANSPORTS=http,sse,stdio override)
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BareRequest, BareTarget } from './bareCalls.js';
import { defaultMcpConfig, runJourneys } from '../test/support/inline.js';
import type { AllureStep } from '../test/support/inline.js';
import { startTestServer, testServerCommand } from '../test/support/servers/spawn.js';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const TRANSPORTS = (process.env['BENCH_TRANSPORTS'] ?? 'http,sse,stdio').split(',').map((t) => t.trim());
const WARMUP = 100;
const CALL_TITLE = 'call test.echo';
const bareScript = fileURLToPath(new URL('./bareCalls.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

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

type TimedStep = AllureStep & { start?: number; stop?: number };

/** First test step's start to last test step's stop, as Allure recorded them (ms). */
function stepSpan(steps: TimedStep[]): number {
  const group = (steps.find((s) => s.name === 'Test steps')?.steps ?? []) as TimedStep[];
  const measured = group.filter((s) => s.name === CALL_TITLE);
  if (measured.length !== CALLS) throw new Error(`expected ${CALLS} measured steps, found ${measured.length}`);
  const first = measured[0]?.start;
  const last = measured[measured.length - 1]?.stop;
  if (first === undefined || last === undefined) throw new Error('steps without start/stop times');
  return last - first;
}

async function timeJourney(mcpConfig: unknown): Promise<number> {
  const run = await runJourneys({ files: { 'bench/calls.journey.yaml': journeyYaml(CALLS) }, mcpConfig, timeoutMs: 600_000 });
  const [result] = run.allureResults;
  if (run.exitCode !== 0 || !result || result.status !== 'passed') throw new Error(`the journey did not pass (exit ${run.exitCode}):\n${run.output.slice(-3000)}`);
  return stepSpan(result.steps);
}

/** The bare SDK client in a fresh process of its own, warmed up as the journey is (bareCalls.ts). */
function timeBare(target: BareTarget): Promise<number> {
  const request: BareRequest = { ...target, warmup: WARMUP, calls: CALLS };
  const child = spawn(process.execPath, ['--import', tsxLoader, bareScript, JSON.stringify(request)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve((JSON.parse(line) as { ms: number }).ms);
      } catch {
        reject(new Error(`the bare client failed (exit ${String(code)}): ${out}`));
      }
    });
  });
}

export interface RunnerBenchResult {
  transport: string;
  calls: number;
  rounds: number;
  bareMs: number;
  journeyMs: number;
  ratio: number;
}

async function compare(transport: string, mcpConfig: unknown, target: BareTarget): Promise<RunnerBenchResult> {
  const bare: number[] = [];
  const journey: number[] = [];
  const ratio: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating order (ABBA), so a drift in the machine's load falls on both sides alike.
    const bareFirst = round % 2 === 0;
    const bareBefore = bareFirst ? await timeBare(target) : 0;
    const journeyMs = await timeJourney(mcpConfig);
    const bareMs = bareFirst ? bareBefore : await timeBare(target);
    bare.push(bareMs);
    journey.push(journeyMs);
    ratio.push(journeyMs / bareMs);
    process.stdout.write(`  ${transport}, round ${round + 1}/${ROUNDS}: bare ${bareMs.toFixed(1)} ms, journey ${journeyMs.toFixed(1)} ms, ratio ${(journeyMs / bareMs).toFixed(3)}\n`);
  }
  return { transport, calls: CALLS, rounds: ROUNDS, bareMs: median(bare), journeyMs: median(journey), ratio: median(ratio) };
}

export async function main(): Promise<RunnerBenchResult[]> {
  const results: RunnerBenchResult[] = [];
  for (const transport of (['http', 'sse'] as const).filter((t) => TRANSPORTS.includes(t))) {
    const server = await startTestServer({ transport, name: 'test' });
    try {
      results.push(await compare(transport, { mcpServers: { test: { type: transport, url: server.url } } }, { transport, url: server.url }));
    } finally {
      await server.stop();
    }
  }
  if (TRANSPORTS.includes('stdio')) {
    // One program, a process per client: each side starts its own server, as Claude Code would.
    results.push(await compare('stdio', defaultMcpConfig(), { transport: 'stdio', ...testServerCommand('test') }));
  }
  for (const r of results) {
    console.log(`runner bench (${r.transport}): ${r.calls} sequential echo calls, median of ${r.rounds} alternating rounds: `
      + `bare SDK ${r.bareMs.toFixed(1)} ms (${(r.bareMs / r.calls).toFixed(3)} ms/call), journey ${r.journeyMs.toFixed(1)} ms `
      + `(${(r.journeyMs / r.calls).toFixed(3)} ms/call), overhead ratio ${r.ratio.toFixed(3)} (target ≤ 1.10, aim ≤ 1.03)`);
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
