// A journey's `load:` — test_steps played by many simulated Claude Code sessions at once, each with its
// own MCP sessions, started and stopped on the profile's schedule (worker/perf/profiles.ts), with think
// time between iterations (loadSessions.ts). Every call is one request of the Load Test Result; runner
// and server resources are sampled meanwhile, and a managed server that died (or was replaced) is a
// crash. breaking_point judges each level as it ends and stops at the first that breaks (breakingPoint.ts).
import { test } from '@playwright/test';
import type { JourneyPlan, LoadSpecPlan } from '../../compile/plan.js';
import type { McpSession } from '../../mcp/types.js';
import { buildLoadResult } from '../../report/perf/loadResult.js';
import type { BreakingPoint, LoadThresholds, ResourceUsage } from '../../report/perf/types.js';
import type { RunContext } from '../context.js';
import { locateError } from '../expect/errors.js';
import { LevelJudge, watchLevels } from './breakingPoint.js';
import { calibrate, withCalibration } from './calibration.js';
import type { PerfHost } from './host.js';
import { checkDescriptors } from './limits.js';
import { newLoadState, runWindow } from './loadSessions.js';
import { LoadThreads, onWorkerReason, threadCount } from './loadThreads.js';
import type { RecordCall, SessionRun } from './loadSessions.js';
import { loadWithOverrides } from './overrides.js';
import { planLoad } from './profiles.js';
import type { LoadPlan, SessionWindow } from './profiles.js';
import { publish, verdict } from './publish.js';
import { PerfRecorder } from './recorder.js';
import { segmentOf, segmentWindows } from './segment.js';
import type { Segment } from './segment.js';
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

/** The server most requests went to: the entity's `server`; `servers` lists all. */
function mainServer(journey: JourneyPlan, counts: Map<string, number>): string {
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return sorted[0]?.[0] ?? journey.servers[0] ?? 'journey';
}

function scheduleOf(load: LoadSpecPlan): LoadPlan {
  return planLoad({
    profile: load.profile, sessions: load.sessions, thinkTimeMs: load.thinkTimeMs,
    ...(load.rampUpMs === undefined ? {} : { rampUpMs: load.rampUpMs }),
    ...(load.durationMs === undefined ? {} : { durationMs: load.durationMs }),
    ...(load.iterations === undefined ? {} : { iterations: load.iterations }),
    levels: {
      ...(load.startSessions === undefined ? {} : { start: load.startSessions }),
      ...(load.stepSessions === undefined ? {} : { step: load.stepSessions }),
      ...(load.levelMs === undefined ? {} : { levelMs: load.levelMs }),
    },
  });
}

function describe(schedule: LoadPlan, segment: Segment | undefined, sessions: number): string {
  const part = segment ? ` (segment ${segment.index} of ${segment.count}: ${sessions} of the sessions)` : '';
  if (schedule.levels) {
    const { start, step, max, level_ms: ms } = schedule.levels;
    return `Load: breaking point, ${start} sessions + ${step} per ${ms} ms level up to ${max}${part}`;
  }
  const how = schedule.mode === 'iterations' ? `${schedule.iterations} iterations each` : `${schedule.duration_ms} ms after a ${schedule.ramp_up_ms} ms ramp-up`;
  return `Load: ${schedule.sessions} sessions, ${schedule.profile} profile, ${how}${part}`;
}

export async function runLoad(journey: JourneyPlan, spec: LoadSpecPlan, ctx: RunContext, host: PerfHost): Promise<void> {
  const load = loadWithOverrides(spec);
  const schedule = scheduleOf(load);
  const thresholds = {
    ...(load.thresholds.p95Ms === undefined ? {} : { p95_ms: load.thresholds.p95Ms }),
    ...(load.thresholds.errorRate === undefined ? {} : { error_rate: load.thresholds.errorRate }),
  };
  const segment = segmentOf(host.shard);
  const windows = segmentWindows(schedule.windows, segment);
  const config = ctx.sessionConfig;
  const onWorker = onWorkerReason(journey, config);
  const threads = onWorker === undefined ? threadCount(windows.length) : 0;
  if (onWorker !== undefined) ctx.warn(`the load's sessions play on the journey's worker, not in threads: ${onWorker}`);
  const where = threads > 0 ? `, in ${threads} thread${threads === 1 ? '' : 's'}` : '';
  await test.step(`${describe(schedule, segment, windows.length)}${where}`, async () => {
    // More segments than sessions: this one has none to run, and no result to write.
    if (windows.length === 0) return;
    checkDescriptors(windows.length, ctx.session.info(), load.location);
    // Started before the clock, as the sessions of a load played here need no start-up of their own.
    const pool = threads > 0 && config ? await LoadThreads.start(windows, { journey, ctx, schedule, gated: schedule.levels !== undefined }, config, threads) : undefined;
    try {
      await playLoad(journey, load, ctx, host, { schedule, thresholds, segment, windows, pool });
    } finally {
      await pool?.close();
    }
  }, { location: load.location });
}

interface Playing {
  schedule: LoadPlan;
  thresholds: LoadThresholds;
  segment: Segment | undefined;
  windows: SessionWindow[][];
  pool: LoadThreads | undefined;
}

async function playLoad(journey: JourneyPlan, load: LoadSpecPlan, ctx: RunContext, host: PerfHost, playing: Playing): Promise<void> {
  const { schedule, thresholds, segment, windows, pool } = playing;
  const calibration = await calibrate(ctx.session, journey.servers, ctx.signal);
  const pidsBefore = host.serverPids();
  const sampler = startUsageSampler({ pids: pidsBefore, healthUrls: healthUrls(ctx.session) });
  const startedAt = new Date();
  const start = startedAt.getTime();
  const recorder = new PerfRecorder(start);
  const judge = schedule.levels ? new LevelJudge(schedule.levels, thresholds, start) : undefined;
  const counts = new Map<string, number>();
  const record: RecordCall = (call) => {
    if (call.server) counts.set(call.server, (counts.get(call.server) ?? 0) + 1);
    recorder.record(call);
    judge?.record(call, call.at_ms + call.latency_ms);
  };
  const stop = new AbortController();
  const run: SessionRun = { schedule, start, journey, ctx, record, state: newLoadState(), stop: stop.signal, ...(judge ? { opens: (ms: number) => judge.opens(ms) } : {}) };
  const t0 = performance.now();
  let usage: ResourceUsage;
  let breaking: BreakingPoint | undefined;
  try {
    const threaded = pool?.run(run);
    const sessions = threaded?.done ?? Promise.all(windows.flatMap((session) => session.map((w) => runWindow(w, run))));
    const watching = judge ? watchLevels(judge, () => crashed(pidsBefore, host.serverPids()), ctx.signal, stop, threaded?.settle) : undefined;
    [, breaking] = await Promise.all([sessions, watching]);
  } finally {
    stop.abort();
    usage = await sampler.stop();
  }
  const durationMs = performance.now() - t0;
  // Under breaking_point a crash is the level's break, not the test's failure.
  const crashes = judge ? [] : crashed(pidsBefore, host.serverPids());
  const { state } = run;
  const built = buildLoadResult({
    ...recorder.measured(), testId: host.testId, testName: host.testName, server: mainServer(journey, counts), servers: [...journey.servers],
    startedAt, durationMs, profile: schedule.profile, concurrentClients: Math.max(1, state.peak), resourceUsage: usage,
    parameters: {
      sessions: windows.length, ramp_up_ms: schedule.ramp_up_ms, think_time_ms: schedule.think_time_ms,
      ...(schedule.duration_ms === undefined ? {} : { duration_ms: schedule.duration_ms }),
      ...(schedule.iterations === undefined ? {} : { iterations: schedule.iterations }),
    },
    thresholds,
    ...(breaking ? { breakingPoint: breaking } : {}),
    ...(segment ? { segment } : {}),
    connections: { ...state.connections, per_second: state.connections.opened / Math.max(durationMs / 1000, 1e-3) },
  });
  if (state.examples.length > 0 && !built.passed) {
    built.failures = [...(built.failures ?? []), ...state.examples.map((e) => `for example: ${e}`)];
  }
  if (crashes.length > 0) {
    built.passed = false;
    built.failures = [...(built.failures ?? []), ...crashes.map((name) => `${name} crashed during the load (its process is gone or was replaced)`)];
  }
  const { result } = await publish(withCalibration(built, calibration), host);
  const failure = verdict(result, load.location, crashes.map((name) => `${name} crashed during the load`));
  if (failure) throw locateError(failure, [{ title: 'load', location: load.location }]);
}
