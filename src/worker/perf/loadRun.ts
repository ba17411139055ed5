// A journey's `load:` — test_steps played by many simulated Claude Code sessions at once, each with its
// own MCP sessions, started and stopped on the profile's schedule (worker/perf/profiles.ts), with think
// time between iterations. Every call is one request of the Load Test Result; runner and server
// resources are sampled meanwhile, and a managed server that died (or was replaced) is a crash.
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import type { JourneyPlan, LoadSpecPlan } from '../../compile/plan.js';
import type { McpSession } from '../../mcp/types.js';
import { buildLoadResult } from '../../report/perf/loadResult.js';
import { planLoad } from './profiles.js';
import type { LoadPlan, SessionWindow } from './profiles.js';
import { PerfRecorder } from './recorder.js';
import type { ResourceUsage } from '../../report/perf/types.js';
import type { RunContext } from '../context.js';
import { locateError } from '../expect/errors.js';
import type { PerfHost } from './host.js';
import { playIteration } from './iteration.js';
import type { Iteration } from './iteration.js';
import { loadWithOverrides } from './overrides.js';
import { publish, verdict } from './publish.js';
import { startUsageSampler } from './usage.js';

/** Base URLs of the session's HTTP servers (their /health), from the addresses they were reached at. */
export function healthUrls(session: McpSession): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const info of session.info()) {
    if (info.transport === 'stdio') continue;
    try {
      urls[info.name] = new URL(info.address).origin;
    } catch { /* not a URL: nothing to sample */ }
  }
  return urls;
}

/** Servers whose process is gone or was replaced since the load began. */
export function crashed(before: Record<string, number | undefined>, after: Record<string, number | undefined>): string[] {
  return Object.entries(before).filter(([name, pid]) => pid !== undefined && after[name] !== pid).map(([name]) => name);
}

type RecordCall = (call: Iteration['calls'][number]) => void;

interface Counters {
  active: number;
  peak: number;
  /** The first few failures, as said, so a reader of the result knows what the error counts were. */
  examples: string[];
}

const MAX_EXAMPLES = 3;

async function runWindow(window: SessionWindow, schedule: LoadPlan, start: number, journey: JourneyPlan, ctx: RunContext, record: RecordCall, n: Counters): Promise<void> {
  const wait = start + window.start_ms - Date.now();
  if (wait > 0) await sleep(wait, undefined, { signal: ctx.signal });
  // A client from the moment it starts connecting, as a user whose Claude Code is starting up.
  n.active++;
  n.peak = Math.max(n.peak, n.active);
  let session: McpSession | undefined;
  try {
    [session] = await ctx.openSessions(1);
    if (!session) return;
    const scope = ctx.scope.child({}, true);
    const ends = window.stop_ms === undefined ? undefined : start + window.stop_ms;
    for (let i = 0; !ctx.signal.aborted; i++) {
      if (ends === undefined ? i >= (schedule.iterations ?? 1) : Date.now() >= ends) break;
      const pass = await playIteration(journey.test.steps, { ...ctx, session, scope });
      for (const call of pass.calls) record({ ...call, active: n.active });
      const said = pass.error?.message.split('\n')[0];
      if (said !== undefined && n.examples.length < MAX_EXAMPLES && !n.examples.includes(said)) n.examples.push(said);
      const think = ends === undefined ? schedule.think_time_ms : Math.min(schedule.think_time_ms, ends - Date.now());
      if (think > 0) await sleep(think, undefined, { signal: ctx.signal });
    }
  } finally {
    n.active--;
    await session?.close();
  }
}

/** The server most requests went to: the entity's `server`; `servers` lists all. */
function mainServer(journey: JourneyPlan, counts: Map<string, number>): string {
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return sorted[0]?.[0] ?? journey.servers[0] ?? 'journey';
}

export async function runLoad(journey: JourneyPlan, spec: LoadSpecPlan, ctx: RunContext, host: PerfHost): Promise<void> {
  const load = loadWithOverrides(spec);
  const schedule = planLoad({
    profile: load.profile, sessions: load.sessions, thinkTimeMs: load.thinkTimeMs,
    ...(load.rampUpMs === undefined ? {} : { rampUpMs: load.rampUpMs }),
    ...(load.durationMs === undefined ? {} : { durationMs: load.durationMs }),
    ...(load.iterations === undefined ? {} : { iterations: load.iterations }),
  });
  const how = schedule.mode === 'iterations' ? `${schedule.iterations} iterations each` : `${schedule.duration_ms} ms after a ${schedule.ramp_up_ms} ms ramp-up`;
  await test.step(`Load: ${schedule.sessions} sessions, ${schedule.profile} profile, ${how}`, async () => {
    const pidsBefore = host.serverPids();
    const sampler = startUsageSampler({ pids: pidsBefore, healthUrls: healthUrls(ctx.session) });
    const startedAt = new Date();
    const start = startedAt.getTime();
    const recorder = new PerfRecorder(start);
    const counts = new Map<string, number>();
    const record: RecordCall = (call) => {
      if (call.server) counts.set(call.server, (counts.get(call.server) ?? 0) + 1);
      recorder.record(call);
    };
    const n: Counters = { active: 0, peak: 0, examples: [] };
    const t0 = performance.now();
    let usage: ResourceUsage;
    try {
      await Promise.all(schedule.windows.flatMap((windows) => windows.map((w) => runWindow(w, schedule, start, journey, ctx, record, n))));
    } finally {
      usage = await sampler.stop();
    }
    const durationMs = performance.now() - t0;
    const crashes = crashed(pidsBefore, host.serverPids());
    const built = buildLoadResult({
      ...recorder.measured(), testId: host.testId, testName: host.testName, server: mainServer(journey, counts), servers: [...journey.servers],
      startedAt, durationMs, profile: schedule.profile, concurrentClients: Math.max(1, n.peak), resourceUsage: usage,
      parameters: {
        sessions: schedule.sessions, ramp_up_ms: schedule.ramp_up_ms, think_time_ms: schedule.think_time_ms,
        ...(schedule.duration_ms === undefined ? {} : { duration_ms: schedule.duration_ms }),
        ...(schedule.iterations === undefined ? {} : { iterations: schedule.iterations }),
      },
      thresholds: {
        ...(load.thresholds.p95Ms === undefined ? {} : { p95_ms: load.thresholds.p95Ms }),
        ...(load.thresholds.errorRate === undefined ? {} : { error_rate: load.thresholds.errorRate }),
      },
    });
    if (n.examples.length > 0 && !built.passed) {
      built.failures = [...(built.failures ?? []), ...n.examples.map((e) => `for example: ${e}`)];
    }
    if (crashes.length > 0) {
      built.passed = false;
      built.failures = [...(built.failures ?? []), ...crashes.map((name) => `${name} crashed during the load (its process is gone or was replaced)`)];
    }
    const { result } = await publish(built, host);
    const failure = verdict(result, load.location, crashes.map((name) => `${name} crashed during the load`));
    if (failure) throw locateError(failure, [{ title: 'load', location: load.location }]);
  }, { location: load.location });
}
