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
// The order of the four turns every round; each ratio is the median of the per-round ratios.
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
const inWorkerConfig = fileURLToPath(new URL('./bareInWorker.config.ts', import.meta.url));
const playwrightCli = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));

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

/** The bare SDK client in a fresh process of its own, warmed up as the journey is (bareCalls.ts). */
function timeBare(target: BareTarget): Promise<number> {
  const request: BareRequest = { ...target, warmup: WARMUP, calls: CALLS };
  return timeChild(['--import', tsxLoader, bareScript, JSON.stringify(request)], process.env, 'the bare client');
}

/** The same client inside a Playwright test (bareInWorker.spec.ts), each call a test step when `steps`. */
function timeBareInWorker(target: BareTarget, steps: boolean): Promise<number> {
  const request: BareRequest = { ...target, warmup: WARMUP, calls: CALLS };
  const env: NodeJS.ProcessEnv = { BENCH_BARE_REQUEST: JSON.stringify(request), BENCH_BARE_STEPS: steps ? '1' : '0' };
  // The outer process's Playwright variables would make the inner runner think it is a worker.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TEST_') && !k.startsWith('PW_')) env[k] = v;
  return timeChild([playwrightCli, 'test', '-c', inWorkerConfig], env, 'the bare client in a Playwright worker');
}

const SIDES = ['bare', 'inWorker', 'stepped', 'journey'] as const;
type Side = typeof SIDES[number];

export interface RunnerBenchResult {
  transport: string;
  calls: number;
  rounds: number;
  /** Median ms for the measured calls, per side. */
  ms: Record<Side, number>;
  /** Journey against the bare client in its own process: the figure the target is about. */
  ratio: number;
  /** Journey against the bare client inside a Playwright worker. */
  inWorkerRatio: number;
  /** The bare client with a test step per call against the bare client: Playwright's share. */
  steppedRatio: number;
  /** Journey against the bare client with a test step per call: the runner's own machinery. */
  ownRatio: number;
}

async function compare(transport: string, mcpConfig: unknown, target: BareTarget): Promise<RunnerBenchResult> {
  const times: Record<Side, number[]> = { bare: [], inWorker: [], stepped: [], journey: [] };
  const ratios = { ratio: [] as number[], inWorkerRatio: [] as number[], steppedRatio: [] as number[], ownRatio: [] as number[] };
  const run: Record<Side, () => Promise<number>> = {
    bare: () => timeBare(target),
    inWorker: () => timeBareInWorker(target, false),
    stepped: () => timeBareInWorker(target, true),
    journey: () => timeJourney(mcpConfig),
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
    process.stdout.write(`  ${transport}, round ${round + 1}/${ROUNDS}: bare ${got.bare.toFixed(1)} ms, in a Playwright worker ${got.inWorker.toFixed(1)} ms, `
      + `with a test step per call ${got.stepped.toFixed(1)} ms, journey ${got.journey.toFixed(1)} ms; ratio ${(got.journey / got.bare).toFixed(3)}\n`);
  }
  return {
    transport, calls: CALLS, rounds: ROUNDS,
    ms: { bare: median(times.bare), inWorker: median(times.inWorker), stepped: median(times.stepped), journey: median(times.journey) },
    ratio: median(ratios.ratio), inWorkerRatio: median(ratios.inWorkerRatio), steppedRatio: median(ratios.steppedRatio), ownRatio: median(ratios.ownRatio),
  };
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
    const perCall = (side: Side) => `${(r.ms[side] / r.calls).toFixed(3)} ms/call`;
    console.log(`runner bench (${r.transport}): ${r.calls} sequential echo calls, median of ${r.rounds} rounds: bare SDK ${perCall('bare')}, `
      + `journey ${perCall('journey')}, overhead ratio ${r.ratio.toFixed(3)} (target ≤ 1.10, aim ≤ 1.03). Baselines in a Playwright worker: `
      + `the bare client ${perCall('inWorker')} (journey against it ${r.inWorkerRatio.toFixed(3)}); the bare client with a test step per call `
      + `${perCall('stepped')}, ${r.steppedRatio.toFixed(3)} against bare: Playwright's share; the journey against it ${r.ownRatio.toFixed(3)}: the runner's own`);
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
