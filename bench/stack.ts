// How long the embedded stack takes to come up (PostgreSQL + both servers ready), against baselines
// measured in the same run: a bare `node -e ''`, `node --import tsx` on an empty module (the floor for
// a server started from its sources), and PostgreSQL alone. The stack is measured both ways it can
// start the servers: from cached bundles (default) and with `node --import tsx` on the sources.
//   npx tsx bench/stack.ts [runs=5]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startPostgres } from '../src/db/embeddedPostgres.js';
import { projectRoot, startStack } from '../src/servers/startStack.js';

interface Sample { name: string; ms: number[] }

async function time(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function spawnToExit(args: string[]): Promise<void> {
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: 'ignore' });
  const [code] = await once(child, 'exit') as [number | null];
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}`);
}

function stats(ms: number[]): { median: number; min: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

export async function main(runs = 5): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mcp-journeys-bench-'));
  const empty = path.join(scratch, 'empty.ts');
  await writeFile(empty, 'export const nothing: null = null;\n');
  const samples: Sample[] = [
    { name: "node -e ''", ms: [] },
    { name: 'node --import tsx (empty module)', ms: [] },
    { name: 'PostgreSQL alone', ms: [] },
    { name: 'stack (PostgreSQL + both servers)', ms: [] },
    { name: '  of which: servers (in parallel)', ms: [] },
    { name: '  stop()', ms: [] },
    { name: 'stack, servers via node --import tsx', ms: [] },
    { name: '  of which: servers (in parallel)', ms: [] },
  ];
  const record = (i: number, ms: number): void => { samples[i]?.ms.push(ms); };
  try {
    // Warm-up: the initdb template and tsx's transform cache are one-off costs of a fresh checkout.
    await (await startStack()).stop();
    await (await startStack({ launch: 'tsx' })).stop();
    for (let run = 0; run < runs; run++) {
      record(0, await time(() => spawnToExit(['-e', ''])));
      record(1, await time(() => spawnToExit(['--import', 'tsx', empty])));
      let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
      record(2, await time(async () => { pg = await startPostgres(); }));
      await pg?.stop();
      let stack: Awaited<ReturnType<typeof startStack>> | undefined;
      record(3, await time(async () => { stack = await startStack(); }));
      record(4, stack?.timings.serversMs ?? 0);
      record(5, await time(async () => { await stack?.stop(); }));
      let viaTsx: Awaited<ReturnType<typeof startStack>> | undefined;
      record(6, await time(async () => { viaTsx = await startStack({ launch: 'tsx' }); }));
      record(7, viaTsx?.timings.serversMs ?? 0);
      await viaTsx?.stop();
      process.stderr.write(`run ${run + 1}/${runs} done\n`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const baseline = stats(samples[0]?.ms ?? []).median;
  const pgMedian = stats(samples[2]?.ms ?? []).median;
  const stackMedian = stats(samples[3]?.ms ?? []).median;
  console.log(`stack start-up over ${runs} runs (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  console.log(`${'what'.padEnd(38)}${'median'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}${'× node -e'.padStart(11)}`);
  for (const { name, ms } of samples) {
    const s = stats(ms);
    const f = (v: number): string => `${v.toFixed(0)} ms`.padStart(9);
    console.log(`${name.padEnd(38)}${f(s.median)}${f(s.min)}${f(s.max)}${`${(s.median / baseline).toFixed(1)}×`.padStart(11)}`);
  }
  const tsxMedian = stats(samples[6]?.ms ?? []).median;
  console.log(`stack / PostgreSQL alone: ${(stackMedian / pgMedian).toFixed(2)}×; tsx launch / bundle launch: ${(tsxMedian / stackMedian).toFixed(2)}×`);
  console.log(`target: stack under 2 s; median ${(stackMedian / 1000).toFixed(2)} s here: ${stackMedian < 2000 ? 'met' : 'NOT MET'}`);
}

// Run directly, the first argument is the number of runs; through bench/index.ts the arguments are bench names.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(Number(process.argv[2] ?? 5));
