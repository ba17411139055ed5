// One simulated session of a load: waits for its window, connects, plays test_steps iteration after
// iteration with think time between, and closes. Under `churn` every iteration is a connection of its
// own (connect, play, disconnect). Under churn and breaking_point a connection that fails to open is a
// failed request of kind `connect` (the server refusing clients is what they look for); elsewhere it
// ends the load as before. `stop` ends the load early: a session finishes its iteration and closes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { JourneyPlan } from '../../compile/plan.js';
import type { McpSession } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import type { Iteration } from './iteration.js';
import { playIteration } from './iteration.js';
import type { LoadPlan, SessionWindow } from './profiles.js';

export type RecordCall = (call: Iteration['calls'][number]) => void;

export interface LoadState {
  active: number;
  peak: number;
  /** The first few failures, as said, so a reader of the result knows what the error counts were. */
  examples: string[];
  connections: { opened: number; closed: number; failed: number };
  /** In a load thread: when a session became a client (+1) and stopped being one (-1), so the worker
   * finds the peak over all threads exactly (loadThreads.ts). */
  changes?: [atMs: number, delta: number][];
}

export interface SessionRun {
  schedule: LoadPlan;
  start: number;
  journey: JourneyPlan;
  /** The journey's context; each session brings its own MCP session. */
  ctx: Omit<RunContext, 'session'>;
  record: RecordCall;
  state: LoadState;
  stop: AbortSignal;
  /** breaking_point: a session starts when its level opens (false: never), not on the clock alone. */
  opens?: (startMs: number) => Promise<boolean>;
}

const MAX_EXAMPLES = 3;
const RETRY_MS = 50;

export function newLoadState(): LoadState {
  return { active: 0, peak: 0, examples: [], connections: { opened: 0, closed: 0, failed: 0 } };
}

function note(state: LoadState, said: string | undefined): void {
  if (said !== undefined && state.examples.length < MAX_EXAMPLES && !state.examples.includes(said)) state.examples.push(said);
}

/** Sleeps `ms`; false when the load was stopped meanwhile (the test ending still throws). */
async function pause(ms: number, run: SessionRun): Promise<boolean> {
  if (run.stop.aborted) return false;
  try {
    await sleep(ms, undefined, { signal: AbortSignal.any([run.ctx.signal, run.stop]) });
    return true;
  } catch (e) {
    if (run.ctx.signal.aborted) throw e;
    return false;
  }
}

async function connect(run: SessionRun): Promise<McpSession | undefined> {
  const at = Date.now();
  const t0 = performance.now();
  try {
    const [session] = await run.ctx.openSessions(1);
    if (session) run.state.connections.opened++;
    return session;
  } catch (e) {
    if (run.schedule.profile !== 'churn' && run.schedule.profile !== 'breaking_point') throw e;
    run.state.connections.failed++;
    run.record({ at_ms: at, latency_ms: performance.now() - t0, ok: false, kind: 'connect', active: run.state.active });
    note(run.state, `connecting failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`);
    return undefined;
  }
}

async function close(session: McpSession, state: LoadState): Promise<void> {
  await session.close();
  state.connections.closed++;
}

export async function runWindow(window: SessionWindow, run: SessionRun): Promise<void> {
  const { schedule, state, ctx } = run;
  if (run.opens && !(await run.opens(window.start_ms))) return;
  const wait = run.start + window.start_ms - Date.now();
  if (wait > 0 && !(await pause(wait, run))) return;
  // A client from the moment it starts connecting, as a user whose Claude Code is starting up.
  state.active++;
  state.changes?.push([Date.now(), 1]);
  state.peak = Math.max(state.peak, state.active);
  let session: McpSession | undefined;
  const scope = ctx.scope.child({}, true);
  try {
    const ends = window.stop_ms === undefined ? undefined : run.start + window.stop_ms;
    for (let i = 0; !ctx.signal.aborted && !run.stop.aborted; i++) {
      if (ends === undefined ? i >= (schedule.iterations ?? 1) : Date.now() >= ends) break;
      session ??= await connect(run);
      const refused = session === undefined;
      if (session) {
        const pass = await playIteration(run.journey.test.steps, { ...ctx, session, scope });
        for (const call of pass.calls) run.record({ ...call, active: state.active });
        note(state, pass.error?.message.split('\n')[0]);
        if (schedule.profile === 'churn') {
          await close(session, state);
          session = undefined;
        }
      }
      // A refused connection is retried no faster than every RETRY_MS, or it would spin.
      const wanted = refused ? Math.max(schedule.think_time_ms, RETRY_MS) : schedule.think_time_ms;
      const think = ends === undefined ? wanted : Math.min(wanted, ends - Date.now());
      if (think > 0 && !(await pause(think, run))) break;
    }
  } finally {
    state.active--;
    state.changes?.push([Date.now(), -1]);
    if (session) await close(session, state);
  }
}
