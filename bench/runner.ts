// Runner overhead: a generated journey of 500 sequential `echo` calls, played by a real
// `npx playwright test` run of the project's config (compile, journey runner, a test step per call,
// Allure parameters and request/response attachments, run record), versus the bare SDK Client making
// the same 500 calls against the same server in the same run. The journey is timed from its first test
// step's start to its last step's end as Allure recorded them, so process, worker and server start-up
// are left out. Every side is a fresh process every round (bareCalls.ts) that makes the same setup and
// 100 warm-up calls first. Two more baselines run the same bare client inside a Playwright test
// (bareInWorker.spec.ts): as it is, which tells what being in a Playwright worker costs; and with each
// call a `test.step` at a location, as issue 2 makes every journey step, which tells what Playwright's
// reporting of a step costs by itself. The journey against that last one is the runner's own machinery.
// The order of the four turns every round; each ratio is the median of the per-round ratios. The target
// (issue 19) is the journey against that stepped baseline; against the bare client it is information.
// Beside the echo on every transport, a realistic call: `search_code` on the codebase-mcp stand-in over
// an indexed repository (searchWorkload.ts).
//   npx tsx bench/runner.ts  (BENCH_CALLS, BENCH_SEARCH_CALLS, BENCH_ROUNDS, BENCH_TRANSPORTS=http,sse,stdio,search override)
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BareRequest, BareTarget, BenchCall } from './bareCalls.js';
import { startSearchWorkload } from './searchWorkload.js';
import { defaultMcpConfig, runJourneys } from '../test/support/inline.js';
import type { AllureStep } from '../test/support/inline.js';
import { startTestServer, testServerCommand } from '../test/support/servers/spawn.js';

const CALLS = Number(process.env['BENCH_CALLS'] ?? 500);
const SEARCH_CALLS = Number(process.env['BENCH_SEARCH_CALLS'] ?? 200);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const TRANSPORTS = (process.env['BENCH_TRANSPORTS'] ?? 'http,sse,stdio,search').split(',').map((t) => t.trim());
const bareScript = fileURLToPath(new URL('./bareCalls.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const inWorkerConfig = fileURLToPath(new URL('./bareInWorker.config.ts', import.meta.url));
const playwrightCli = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));

/** What both sides do: the same calls to the same server, warmed up alike. */
interface Workload {
  /** `http`, or `http, search_code`: how the figures are labelled. */
  label: string;
  server: string;
  call: BenchCall;
  /** The setup's error case, which the validator asks a journey for. */
  failing: BenchCall;
  calls: number;
  warmup: number;
  mcpConfig: unknown;
  target: BareTarget;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const callTitle = (w: Workload): string => `call ${w.server}.${w.call.name}`;

/** The journey: the error case, a checked call and the warm-up in setup, then the measured calls. */
function journeyYaml(w: Workload): string {
  const call = (c: BenchCall) => `  - call: ${w.server}.${c.name}\n    args: ${JSON.stringify(c.args)}`;
  const lines = [
    'test_id: 5d1c0e5a-0b1e-4b8e-9a43-7f6f3b2a9c10',
    'test_name: Sequential calls',
    `description: ${w.calls} sequential ${w.call.name} calls, timed by the runner's own steps.`,
    `servers_required: [${w.server}]`,
    'setup_steps:',
    `${call(w.failing)}\n    expect: { outcome: tool_error }`,
    `${call(w.call)}\n    expect: { outcome: ok }`,
    ...Array.from({ length: w.warmup }, () => call(w.call)),
    'test_steps:',
    ...Array.from({ length: w.calls }, () => call(w.call)),
  ];
  return `${lines.join('\n')}\n`;
}

type TimedStep = AllureStep & { start?: number; stop?: number };

/** First test step's start to last test step's stop, as Allure recorded them (ms). */
function stepSpan(steps: TimedStep[], w: Workload): number {
  const group = (steps.find((s) => s.name === 'Test steps')?.steps ?? []) as TimedStep[];
  const measured = group.filter((s) => s.name === callTitle(w));
  if (measured.length !== w.calls) throw new Error(`expected ${w.calls} measured steps, found ${measured.length}`);
  const first = measured[0]?.start;
  const last = measured[measured.length - 1]?.stop;
  if (first === undefined || last === undefined) throw new Error('steps without start/stop times');
  return last - first;
}

async function timeJourney(w: Workload): Promise<number> {
  const run = await runJourneys({ files: { 'bench/calls.journey.yaml': journeyYaml(w) }, mcpConfig: w.mcpConfig, timeoutMs: 600_000 });
  const [result] = run.allureResults;
  if (run.exitCode !== 0 || !result || result.status !== 'passed') throw new Error(`the journey did not pass (exit ${run.exitCode}):\n${run.output.slice(-3000)}`);
  return stepSpan(result.steps, w);
}

/** A child process's last `BENCH_RESULT`-style JSON line, `{ ms }`. */
function timeChild(args: string[], env: NodeJS.ProcessEnv, what: string): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = /\{"ms":[^}]*\}/.exec(out)?.[0];
      if (code === 0 && line) resolve((JSON.parse(line) as { ms: number }).ms);
      else reject(new Error(`${what} failed (exit ${String(code)}):\n${out.slice(-3000)}`));
    });
  });
}

const bareRequest = (w: Workload): BareRequest => ({ ...w.target, warmup: w.warmup, calls: w.calls, call: w.call, failing: w.failing });

/** The bare SDK client in a fresh process of its own, warmed up as the journey is (bareCalls.ts). */
function timeBare(w: Workload): Promise<number> {
  return timeChild(['--import', tsxLoader, bareScript, JSON.stringify(bareRequest(w))], process.env, 'the bare client');
}

/** The same client inside a Playwright test (bareInWorker.spec.ts), each call a test step when `steps`. */
function timeBareInWorker(w: Workload, steps: boolean): Promise<number> {
  const env: NodeJS.ProcessEnv = { BENCH_BARE_REQUEST: JSON.stringify(bareRequest(w)), BENCH_BARE_STEPS: steps ? '1' : '0', BENCH_BARE_SERVER: w.server };
  // The outer process's Playwright variables would make the inner runner think it is a worker.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TEST_') && !k.startsWith('PW_')) env[k] = v;
  return timeChild([playwrightCli, 'test', '-c', inWorkerConfig], env, 'the bare client in a Playwright worker');
}

const SIDES = ['bare', 'inWorker', 'stepped', 'journey'] as const;
type Side = typeof SIDES[number];

export interface RunnerBenchResult {
  label: string;
  calls: number;
  rounds: number;
  /** Median ms for the measured calls, per side. */
  ms: Record<Side, number>;
  /** Journey against the bare client with a test step per call: the runner's own machinery, the target. */
  ownRatio: number;
  /** Journey against the bare client in its own process: what a user sees, Playwright included. */
  ratio: number;
  /** Journey against the bare client inside a Playwright worker. */
  inWorkerRatio: number;
  /** The bare client with a test step per call against the bare client: Playwright's share. */
  steppedRatio: number;
}

async function compare(w: Workload): Promise<RunnerBenchResult> {
  const times: Record<Side, number[]> = { bare: [], inWorker: [], stepped: [], journey: [] };
  const ratios = { ratio: [] as number[], inWorkerRatio: [] as number[], steppedRatio: [] as number[], ownRatio: [] as number[] };
  const run: Record<Side, () => Promise<number>> = {
    bare: () => timeBare(w),
    inWorker: () => timeBareInWorker(w, false),
    stepped: () => timeBareInWorker(w, true),
    journey: () => timeJourney(w),
  };
  for (let round = 0; round < ROUNDS; round++) {
    // The order turns every round, so a drift in the machine's load falls on every side alike.
    const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length] ?? 'bare');
    const got: Record<Side, number> = { bare: NaN, inWorker: NaN, stepped: NaN, journey: NaN };
    for (const side of order) got[side] = await run[side]();
    for (const side of SIDES) times[side].push(got[side]);
    ratios.ratio.push(got.journey / got.bare);
    ratios.inWorkerRatio.push(got.journey / got.inWorker);
    ratios.steppedRatio.push(got.stepped / got.bare);
    ratios.ownRatio.push(got.journey / got.stepped);
    process.stdout.write(`  ${w.label}, round ${round + 1}/${ROUNDS}: bare ${got.bare.toFixed(1)} ms, in a Playwright worker ${got.inWorker.toFixed(1)} ms, `
      + `with a test step per call ${got.stepped.toFixed(1)} ms, journey ${got.journey.toFixed(1)} ms; journey / stepped ${(got.journey / got.stepped).toFixed(3)}\n`);
  }
  return {
    label: w.label, calls: w.calls, rounds: ROUNDS,
    ms: { bare: median(times.bare), inWorker: median(times.inWorker), stepped: median(times.stepped), journey: median(times.journey) },
    ratio: median(ratios.ratio), inWorkerRatio: median(ratios.inWorkerRatio), steppedRatio: median(ratios.steppedRatio), ownRatio: median(ratios.ownRatio),
  };
}

const ECHO = { call: { name: 'echo', args: { text: 'message' } }, failing: { name: 'fail', args: {} }, calls: CALLS, warmup: 100 };

async function echoOver(transport: 'http' | 'sse'): Promise<RunnerBenchResult> {
  const server = await startTestServer({ transport, name: 'test' });
  try {
    return await compare({ ...ECHO, label: transport, server: 'test', mcpConfig: { mcpServers: { test: { type: transport, url: server.url } } }, target: { transport, url: server.url } });
  } finally {
    await server.stop();
  }
}

async function searchCode(): Promise<RunnerBenchResult> {
  const workload = await startSearchWorkload();
  try {
    return await compare({
      label: 'http, search_code', server: 'codebase-mcp', calls: SEARCH_CALLS, warmup: 20,
      call: { name: 'search_code', args: { query: 'payment checkout', project_id: 'default' } },
      failing: { name: 'get_indexing_status', args: { job_id: 'not-a-uuid', project_id: 'default' } },
      mcpConfig: { mcpServers: { 'codebase-mcp': { type: 'http', url: workload.url } } }, target: { transport: 'http', url: workload.url },
    });
  } finally {
    await workload.stack.stop();
  }
}

export async function main(): Promise<RunnerBenchResult[]> {
  const results: RunnerBenchResult[] = [];
  for (const transport of (['http', 'sse'] as const).filter((t) => TRANSPORTS.includes(t))) results.push(await echoOver(transport));
  // One program, a process per client: each side starts its own server, as Claude Code would.
  if (TRANSPORTS.includes('stdio')) results.push(await compare({ ...ECHO, label: 'stdio', server: 'test', mcpConfig: defaultMcpConfig(), target: { transport: 'stdio', ...testServerCommand('test') } }));
  if (TRANSPORTS.includes('search')) results.push(await searchCode());
  for (const r of results) {
    const perCall = (side: Side) => `${(r.ms[side] / r.calls).toFixed(3)} ms/call`;
    console.log(`runner bench (${r.label}): ${r.calls} sequential calls, median of ${r.rounds} rounds: journey / bare SDK with a test step per call `
      + `${r.ownRatio.toFixed(3)} (the runner's own share; target ≤ 1.03). Information: journey ${perCall('journey')} against the bare SDK `
      + `${perCall('bare')}, ratio ${r.ratio.toFixed(3)}; Playwright's step alone ${r.steppedRatio.toFixed(3)} against bare (${perCall('stepped')}); `
      + `the bare client in a Playwright worker ${perCall('inWorker')} (journey against it ${r.inWorkerRatio.toFixed(3)})`);
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
