// A thousand sessions from one machine: the load of bench/loadWorkload.ts (each session with its own MCP
// sessions to both reference servers of one embedded stack, three calls, then think time) at
// BENCH_LOAD_SCALE_SESSIONS sessions, started evenly over a ramp-up and held, with think time between
// iterations so the servers are not the limit (BENCH_LOAD_SCALE_THINK_MS, 10 s: 300 calls/s in all; at 1 s
// the 2-core stack saturates, p95s of seconds on both sides, and at 5 s a socket idle about as long as the
// servers' 5 s keep-alive is closed under a request, "other side closed", on both sides alike). Driven
// once through the runner (a load journey, `npx playwright test`) and once by as many bare SDK clients in
// a child process of their own, one after the other in the same run, and printed as ratios runner / bare:
//   calls/s: calls started in the steady part of the hold (from SETTLE after the ramp-up to the end),
//     from the runner's Load Test Result time series and counted alike by the bare clients.
//   memory per session: RSS at steady state (the median of samples taken every 250 ms in that part) minus
//     RSS just before the load started (the last sample before it: idle, modules loaded, nothing
//     connected), divided by the sessions. For the runner, the Playwright worker's process tree (every
//     descendant of the `playwright test` process: the worker, and any processes it runs sessions in;
//     threads are in its RSS), its load start being the result's run_timestamp; the result's own
//     resource_usage.runner samples the worker's process alone and has no idle figure. For the bare
//     clients, the child process (bench/loadScaleBare.ts) alone, which says when it starts.
//   npx tsx bench/loadScale.ts   (BENCH_LOAD_SCALE_SESSIONS=1000, 0 skips; BENCH_LOAD_SCALE_THINK_MS=10000,
//                                 BENCH_LOAD_SCALE_RAMP_SECONDS=30, BENCH_LOAD_SCALE_SECONDS=30: about 2.5 min)
import { spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pidusage from 'pidusage';
import { descendantsOf } from '../src/process/tree.js';
import { startStack } from '../src/servers/startStack.js';
import { rate, runnerLoad, runnerMeasured, serverUrls } from './loadWorkload.js';
import type { CountWindow, LoadShape, Measured, ServerUrls } from './loadWorkload.js';

const SESSIONS = Number(process.env['BENCH_LOAD_SCALE_SESSIONS'] ?? 1000);
const THINK_MS = Number(process.env['BENCH_LOAD_SCALE_THINK_MS'] ?? 10_000);
const RAMP_MS = Number(process.env['BENCH_LOAD_SCALE_RAMP_SECONDS'] ?? 30) * 1000;
const HOLD_MS = Number(process.env['BENCH_LOAD_SCALE_SECONDS'] ?? 30) * 1000;
const SETTLE_MS = Math.min(5000, HOLD_MS / 4);
const SAMPLE_MS = 250;
const BARE_SCRIPT = fileURLToPath(new URL('./loadScaleBare.ts', import.meta.url));

interface Sample { at: number; rss: number; pids: number }

/** Summed RSS of the processes `pids` lists, every SAMPLE_MS until stopped. */
function sampleRss(list: () => Promise<number[]>): { stop(): Sample[] } {
  const samples: Sample[] = [];
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const at = Date.now();
      try {
        const pids = await list();
        if (pids.length > 0) {
          const stats = await pidusage(pids);
          samples.push({ at, rss: Object.values(stats).reduce((n, s) => n + s.memory, 0), pids: pids.length });
        }
      } catch { /* a process ended between listing and sampling: the next sample */ }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, SAMPLE_MS - (Date.now() - at))));
    }
  };
  const running = loop();
  return { stop() { stopped = true; void running.finally(() => pidusage.clear()); return samples; } };
}

interface Memory { idle: number; steady: number; perSession: number; pids: number }

function memoryOf(samples: readonly Sample[], startAt: number, sessions: number): Memory {
  const idle = samples.filter((s) => s.at < startAt).at(-1);
  const steady = samples.filter((s) => s.at >= startAt + RAMP_MS + SETTLE_MS && s.at < startAt + RAMP_MS + HOLD_MS).map((s) => s.rss).sort((a, b) => a - b);
  const mid = steady[Math.floor(steady.length / 2)];
  if (!idle || mid === undefined) throw new Error(`too few memory samples (${samples.length}) around the load`);
  return { idle: idle.rss, steady: mid, perSession: (mid - idle.rss) / sessions, pids: idle.pids };
}

interface Side { measured: Measured; memory: Memory }

async function viaRunner(servers: ServerUrls, shape: LoadShape, window: CountWindow): Promise<Side> {
  let sampler: ReturnType<typeof sampleRss> | undefined;
  const result = await runnerLoad(servers, shape, (pid) => { sampler = sampleRss(() => descendantsOf(pid)); });
  const samples = sampler?.stop() ?? [];
  const measured = { ...runnerMeasured(result, window), examples: (result.failures ?? []).slice(0, 3) };
  return { measured, memory: memoryOf(samples, Date.parse(result.run_timestamp), shape.sessions) };
}

async function viaBare(servers: ServerUrls, shape: LoadShape, window: CountWindow): Promise<Side> {
  const child = spawn(process.execPath, ['--import', 'tsx', BARE_SCRIPT, JSON.stringify({ servers, shape, window })], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { pid } = child;
  // The process alone: tsx's esbuild service beside it holds no session.
  const sampler = pid === undefined ? undefined : sampleRss(() => Promise.resolve([pid]));
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  // A hang of the bare clients must not hang the bench.
  const timer = setTimeout(() => child.kill('SIGKILL'), shape.rampUpMs + shape.durationMs + 120_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  const samples = sampler?.stop() ?? [];
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { start?: number; measured?: Measured });
  const start = lines.find((l) => l.start !== undefined)?.start;
  const measured = lines.find((l) => l.measured)?.measured;
  if (code !== 0 || start === undefined || !measured) throw new Error(`the bare clients failed (exit ${String(code)}): ${out.slice(-2000)}`);
  return { measured, memory: memoryOf(samples, start, shape.sessions) };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kb = (bytes: number): string => `${(bytes / 2 ** 10).toFixed(0)} KB`;

/** Prints the 1,000-session figures, each side as soon as it is measured (nothing when BENCH_LOAD_SCALE_SESSIONS is 0). */
export async function printScale(servers: ServerUrls): Promise<void> {
  if (!(SESSIONS > 0)) return;
  const print = (text: string): void => { process.stdout.write(text); };
  const shape: LoadShape = { sessions: SESSIONS, rampUpMs: RAMP_MS, durationMs: HOLD_MS, thinkMs: THINK_MS };
  const window: CountWindow = { fromMs: RAMP_MS + SETTLE_MS, toMs: RAMP_MS + HOLD_MS };
  print(`\nscale: ${SESSIONS} sessions, think ${THINK_MS} ms, ramp-up ${RAMP_MS / 1000} s, hold ${HOLD_MS / 1000} s (counted from ${(RAMP_MS + SETTLE_MS) / 1000} s), runner then bare (loadavg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
  const side = (name: string, m: Side): string =>
    `  ${name.padEnd(6)} ${rate(m.measured).toFixed(1).padStart(8)} calls/s  p95 ${m.measured.p95Ms.toFixed(1).padStart(6)} ms  failed ${String(m.measured.failed).padStart(5)}  `
    + `memory ${kb(m.memory.perSession).padStart(7)}/session (${mb(m.memory.idle)} idle → ${mb(m.memory.steady)} steady, ${m.memory.pids} process${m.memory.pids === 1 ? '' : 'es'})\n`
    + (m.measured.examples ?? []).map((e) => `    for example: ${e}\n`).join('');
  const runner = await viaRunner(servers, shape, window);
  print(side('runner', runner));
  const bare = await viaBare(servers, shape, window);
  print(side('bare', bare));
  print(`${SESSIONS} sessions  calls/s ratio ${(rate(runner.measured) / rate(bare.measured)).toFixed(3)}  memory per session ratio ${(runner.memory.perSession / bare.memory.perSession).toFixed(2)}  (runner / bare; loadavg now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stack = await startStack();
  try {
    await printScale(serverUrls(stack.mcpConfig));
  } finally {
    await stack.stop();
  }
}
