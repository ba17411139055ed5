// Load sessions off the journey worker's event loop: a few worker threads (loadThread.ts), sized to the
// cores, each playing a share of the sessions and sending its calls back in batches, which feed the same
// recorder, judge and state as sessions played here would. The worker keeps what only it can do: faults,
// managed servers, SQL, the report. A load whose steps need one of those plays on the worker as before.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JourneyPlan, StepPlan } from '../../compile/plan.js';
import type { McpConfig } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import type { SessionRun } from './loadSessions.js';
import type { SessionWindow } from './profiles.js';
import type { FromThread, ThreadRecipe, ThreadTotals, ToThread } from './threadMessages.js';

export const THREADS_ENV = 'MCP_JOURNEYS_LOAD_THREADS';
const ON_WORKER = new Set<StepPlan['kind']>(['sql', 'fault', 'server']);
const FLUSH_WAIT_MS = 1000;
const ABORT_GRACE_MS = 2000;

/** Threads for `sessions`: MCP_JOURNEYS_LOAD_THREADS, else one per core but one (the servers and the worker
 * need a core too), never more than the sessions; 0 plays them on the worker. */
export function threadCount(sessions: number, env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const raw = env[THREADS_ENV]?.trim();
  const wanted = raw ? Number(raw) : Math.max(1, cores - 1);
  if (!Number.isInteger(wanted) || wanted < 0) throw new Error(`${THREADS_ENV} must be a whole number of threads (0: none), got "${raw ?? ''}"`);
  return Math.min(wanted, sessions);
}

function kindsIn(steps: readonly StepPlan[]): StepPlan['kind'][] {
  return steps.flatMap((step) => [step.kind, ...('steps' in step ? kindsIn(step.steps) : [])]);
}

/** Why this load's sessions must play on the worker, or undefined when threads can play them. */
export function onWorkerReason(journey: JourneyPlan, config: McpConfig | undefined): string | undefined {
  const kind = kindsIn(journey.test.steps).find((k) => ON_WORKER.has(k));
  if (kind) return `its test_steps have a ${kind} step, which only the journey's worker can run`;
  if (!config) return 'its sessions are not opened from an MCP configuration';
  if (FROM_SOURCES && tsxApi() === undefined) return 'tsx, needed to start a thread from TypeScript sources, is not installed';
  return undefined;
}

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const ENTRY = new URL(`./loadThread${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);
// A worker thread does not inherit the loader that runs this file from TypeScript sources, and Node 20
// ignores `--import` in a worker's execArgv: the thread registers tsx itself, then loads the entry.
const BOOT = `require('node:worker_threads'); const { tsx, entry } = require('node:worker_threads').workerData.boot;
import(tsx).then((api) => { api.register(); return import(entry); });`;

function tsxApi(): string | undefined {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
}

function startThread(recipe: ThreadRecipe): Worker {
  const tsx = FROM_SOURCES ? tsxApi() : undefined;
  if (tsx === undefined) return new Worker(ENTRY, { workerData: recipe });
  return new Worker(BOOT, { eval: true, workerData: { ...recipe, boot: { tsx, entry: ENTRY.href } } });
}

/** Windows dealt round-robin, so each thread has sessions from every part of the schedule. */
function deal(windows: readonly SessionWindow[][], count: number): SessionWindow[][][] {
  const shares: SessionWindow[][][] = Array.from({ length: count }, () => []);
  windows.forEach((w, j) => shares[j % count]?.push(w));
  return shares.filter((share) => share.length > 0);
}

export interface ThreadedLoad {
  /** Resolves when every thread's sessions are done (rejects with the first that failed). */
  done: Promise<void>;
  /** Every call made so far has been recorded (breaking_point judges a level after this). */
  settle: () => Promise<void>;
}

/** What the threads are told before the load's clock starts. */
export interface ThreadLoadPlan {
  journey: JourneyPlan;
  ctx: Omit<RunContext, 'session'>;
  schedule: SessionRun['schedule'];
  gated: boolean;
}

class Thread {
  active = 0;
  readonly changes: [number, number][] = [];
  run: SessionRun | undefined;
  error: unknown;
  readonly ended: Promise<ThreadTotals>;
  readonly ready: Promise<void>;
  private readonly flushes = new Map<number, () => void>();
  private nextFlush = 0;

  constructor(readonly worker: Worker, private readonly threads: readonly Thread[]) {
    let ready: () => void = () => undefined;
    this.ready = new Promise<void>((resolve) => { ready = resolve; });
    this.ended = new Promise<ThreadTotals>((resolve, reject) => {
      worker.on('message', (message: FromThread) => {
        if (message.type === 'ready') ready();
        else if (message.type === 'done') resolve(message.totals);
        else if (message.type === 'failed') reject(Object.assign(new Error(message.message), message.stack === undefined ? {} : { stack: message.stack }));
        else this.heard(message);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => { reject(new Error(`a load thread stopped (exit ${code}) before its sessions were done`)); });
    });
    // Not ready because it failed: `error` says why.
    void this.ended.catch((e: unknown) => { this.error = e; }).finally(ready);
  }

  send(message: ToThread): void {
    this.worker.postMessage(message);
  }

  private heard(message: Exclude<FromThread, { type: 'ready' | 'done' | 'failed' }>): void {
    const run = this.run;
    if (message.type === 'flushed') this.flushes.get(message.id)?.();
    else if (!run) return;
    else if (message.type === 'opens') {
      void (run.opens?.(message.startMs) ?? Promise.resolve(true)).then((go) => { this.send({ type: 'opened', id: message.id, go }); });
    } else {
      this.active = message.active;
      this.changes.push(...message.changes);
      const active = this.threads.reduce((n, t) => n + t.active, 0);
      run.state.active = active;
      for (const call of message.calls) run.record({ ...call, active });
    }
  }

  flush(): Promise<void> {
    return new Promise<void>((resolve) => {
      const id = this.nextFlush++;
      const timer = setTimeout(resolve, FLUSH_WAIT_MS);
      this.flushes.set(id, () => { clearTimeout(timer); this.flushes.delete(id); resolve(); });
      this.send({ type: 'flush', id });
    });
  }
}

export class LoadThreads {
  private constructor(private readonly threads: Thread[]) {}

  /** Starts the threads and resolves once each has loaded (the load's clock starts after that). */
  static async start(windows: readonly SessionWindow[][], plan: ThreadLoadPlan, config: McpConfig, count: number): Promise<LoadThreads> {
    const { ctx } = plan;
    const base: Omit<ThreadRecipe, 'windows'> = {
      journey: plan.journey, config: JSON.parse(JSON.stringify(config)) as McpConfig,
      builtins: { ...ctx.scope.builtins, env: { ...ctx.scope.builtins.env } },
      variables: ctx.scope.entries(), baseUrls: baseUrls(plan.journey, ctx), schedule: plan.schedule, gated: plan.gated,
    };
    const threads: Thread[] = [];
    for (const share of deal(windows, count)) threads.push(new Thread(startThread({ ...base, windows: share }), threads));
    const pool = new LoadThreads(threads);
    await Promise.all(threads.map((t) => t.ready));
    const failed = threads.find((t) => t.error !== undefined);
    if (failed) {
      await pool.close();
      throw failed.error;
    }
    return pool;
  }

  run(run: SessionRun): ThreadedLoad {
    const { threads } = this;
    for (const t of threads) {
      t.run = run;
      t.send({ type: 'go', start: run.start });
    }
    const stopAll = (): void => { for (const t of threads) t.send({ type: 'stop' }); };
    run.stop.addEventListener('abort', stopAll, { once: true });
    const onAbort = (): void => {
      for (const t of threads) t.send({ type: 'abort', reason: 'the test ended' });
      setTimeout(() => { void this.close(); }, ABORT_GRACE_MS).unref();
    };
    run.ctx.signal.addEventListener('abort', onAbort, { once: true });
    const done = (async () => {
      try {
        merge(run, await Promise.all(threads.map((t) => t.ended)), threads.flatMap((t) => t.changes));
      } catch (e) {
        stopAll();
        await Promise.allSettled(threads.map((t) => t.ended));
        throw e;
      } finally {
        run.ctx.signal.removeEventListener('abort', onAbort);
        run.state.active = 0;
        await this.close();
      }
    })();
    return { done, settle: async () => { await Promise.all(threads.map((t) => t.flush())); } };
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** Clients at once, at most, over all threads: their sessions' starts and ends in time order (at the same
 * millisecond an end before a start, so the peak is never overstated). */
export function peakOf(changes: readonly [number, number][]): number {
  let active = 0;
  let peak = 0;
  for (const [, delta] of [...changes].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    active += delta;
    peak = Math.max(peak, active);
  }
  return peak;
}

function merge(run: SessionRun, totals: readonly ThreadTotals[], changes: readonly [number, number][]): void {
  const { state } = run;
  state.peak = Math.max(state.peak, peakOf(changes));
  for (const t of totals) {
    for (const e of t.examples) if (state.examples.length < 3 && !state.examples.includes(e)) state.examples.push(e);
    state.connections.opened += t.connections.opened;
    state.connections.closed += t.connections.closed;
    state.connections.failed += t.connections.failed;
  }
}

function baseUrls(journey: JourneyPlan, ctx: Omit<RunContext, 'session'>): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const server of journey.servers) {
    const url = ctx.baseUrl(server);
    if (url !== undefined) urls[server] = url;
  }
  return urls;
}
