// The runner's own load capacity: the same closed-loop load (N sessions, each with its own MCP sessions to
// both reference servers, calling list_projects, search_code and a search that fails validation, no think
// time) driven once by a load journey through the runner (`npx playwright test`, its Load Test Result) and
// once by bare SDK clients in this process, against one embedded stack in the same run. Each round runs
// both sides, alternating which goes first, so both see the same machine; ratios are medians of per-round
// ratios. Capacity is calls started within the load window (connecting included) per second.
// Then the scale line of bench/loadScale.ts: 1,000 sessions with think time, calls/s and memory per session
// against 1,000 bare clients. The workload, both sides, is bench/loadWorkload.ts.
//   flock /tmp/bench.lock npx tsx bench/load.ts     (BENCH_LOAD_SECONDS=10, BENCH_LOAD_SESSIONS=50,100, BENCH_LOAD_ROUNDS=3)
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { startStack } from '../src/servers/startStack.js';
import { printScale } from './loadScale.js';
import { bareLoad, median, rate, runnerLoad, runnerMeasured, serverUrls } from './loadWorkload.js';
import type { LoadShape, Measured } from './loadWorkload.js';

const SECONDS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_LOAD_ROUNDS'] ?? 3);
const LEVELS = (process.env['BENCH_LOAD_SESSIONS'] ?? '50,100').split(',').map(Number);

const closedLoop = (sessions: number): LoadShape => ({ sessions, rampUpMs: 0, durationMs: SECONDS * 1000, thinkMs: 0 });
const window = { fromMs: 0, toMs: SECONDS * 1000 };

export async function main(): Promise<void> {
  const stack = await startStack();
  try {
    const servers = serverUrls(stack.mcpConfig);
    process.stdout.write(`load capacity: runner load mode vs bare SDK clients, ${SECONDS} s per run, ${ROUNDS} rounds (medians), closed loop (loadavg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    process.stdout.write('sessions  runner calls/s  bare calls/s  throughput ratio  runner p95  bare p95  p95 ratio  failed (runner/bare)\n');
    for (const sessions of LEVELS) {
      const runner: Measured[] = [];
      const bare: Measured[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating order, so a drift in the machine's load does not favour one side.
        if (round % 2 === 0) {
          runner.push(runnerMeasured(await runnerLoad(servers, closedLoop(sessions)), window));
          bare.push(await bareLoad(servers, closedLoop(sessions), window));
        } else {
          bare.push(await bareLoad(servers, closedLoop(sessions), window));
          runner.push(runnerMeasured(await runnerLoad(servers, closedLoop(sessions)), window));
        }
      }
      const ratios = runner.map((r, i) => rate(r) / rate(bare[i] ?? r));
      const p95Ratios = runner.map((r, i) => r.p95Ms / (bare[i]?.p95Ms ?? r.p95Ms));
      const line = [
        String(sessions).padStart(8), median(runner.map(rate)).toFixed(1).padStart(14), median(bare.map(rate)).toFixed(1).padStart(12), median(ratios).toFixed(3).padStart(16),
        `${median(runner.map((m) => m.p95Ms)).toFixed(1)} ms`.padStart(10), `${median(bare.map((m) => m.p95Ms)).toFixed(1)} ms`.padStart(9), median(p95Ratios).toFixed(3).padStart(9),
        `${runner.reduce((n, m) => n + m.failed, 0)}/${bare.reduce((n, m) => n + m.failed, 0)}`.padStart(20),
        `  per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
      ];
      process.stdout.write(`${line.join('  ')}\n`);
    }
    process.stdout.write(`aim: throughput ratio >= 0.9 (loadavg now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})\n`);
    await printScale(servers);
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
