// Load profiles as a schedule: target concurrency over time (k6-style stages, linear between levels) and,
// from it, when each simulated session starts and stops. Pure: the runtime only follows the plan.
//   normal  ramp up to the peak, hold it
//   soak    the same shape, held long (default 5 min): watch latency and memory drift over time
//   stress  stepwise increase: four equal steps up to the peak, each ramped then held
//   spike   a tenth of the sessions, a sudden jump to all of them, then back down to recover
//   churn   the normal shape, but each iteration of a session is a new connection (loadSessions.ts)
//   breaking_point  levels stepped up (levels.ts), each a sudden jump then held; the runtime stops at
//           the first level that breaks
// With `iterations` instead of a duration, each session runs that many iterations from its start.
import type { LoadProfileName } from '../../report/perf/types.js';
import { breakingLevels } from './levels.js';
import type { LevelInput, LevelPlan } from './levels.js';

export interface LoadPlanInput {
  profile?: LoadProfileName;
  sessions: number;
  rampUpMs?: number;
  durationMs?: number;
  iterations?: number;
  thinkTimeMs?: number;
  /** breaking_point: the levels (sessions is the last). */
  levels?: Omit<LevelInput, 'sessions'>;
}

export interface Stage {
  label: string;
  start_ms: number;
  /** 0 for a sudden jump. */
  duration_ms: number;
  from: number;
  to: number;
}

export interface SessionWindow {
  start_ms: number;
  /** Absent in iteration mode: the session stops after its iterations. */
  stop_ms?: number;
}

export interface LoadPlan {
  profile: LoadProfileName;
  sessions: number;
  mode: 'duration' | 'iterations';
  ramp_up_ms: number;
  /** Hold time after the ramp-up (duration mode). */
  duration_ms?: number;
  iterations?: number;
  think_time_ms: number;
  /** When the load ends (duration mode): ramp-up plus duration. */
  total_ms?: number;
  stages: Stage[];
  /** Per session (index = session number), when it runs. */
  windows: SessionWindow[][];
  /** breaking_point: the levels the stages step through. */
  levels?: LevelPlan;
}

export const DEFAULT_DURATION_MS: Record<Exclude<LoadProfileName, 'breaking_point'>, number> = { normal: 30_000, stress: 60_000, spike: 30_000, soak: 300_000, churn: 30_000 };
const STRESS_STEPS = 4;

/** A tenth of the peak, at least one session: the level a spike starts from and returns to. */
export function spikeBase(sessions: number): number {
  return Math.max(1, Math.round(sessions / 10));
}

function stressLevels(sessions: number): number[] {
  const levels = Array.from({ length: STRESS_STEPS }, (_, k) => Math.ceil((sessions * (k + 1)) / STRESS_STEPS));
  return [...new Set(levels)];
}

function stagesFor(profile: LoadProfileName, sessions: number, ramp: number, hold: number): Stage[] {
  const stages: Stage[] = [];
  let at = 0;
  let level = 0;
  const add = (label: string, duration: number, to: number): void => {
    stages.push({ label, start_ms: at, duration_ms: duration, from: level, to });
    at += duration;
    level = to;
  };
  if (profile === 'stress') {
    const levels = stressLevels(sessions);
    levels.forEach((to, k) => {
      add(`step ${k + 1} ramp`, ramp / levels.length, to);
      add(`step ${k + 1} hold`, hold / levels.length, to);
    });
  } else if (profile === 'spike') {
    const base = spikeBase(sessions);
    const third = hold / 3;
    add('ramp to base', ramp, base);
    add('base', third, base);
    add('spike', 0, sessions);
    add('spike hold', third, sessions);
    add('drop', 0, base);
    add('recovery', hold - 2 * third, base);
  } else {
    add('ramp up', ramp, sessions);
    add(profile === 'soak' ? 'soak' : 'hold', hold, sessions);
  }
  return stages;
}

/** When session `j` runs: while the target concurrency is above j. */
function windowsOf(j: number, stages: readonly Stage[], total: number): SessionWindow[] {
  const windows: SessionWindow[] = [];
  let open: number | undefined;
  for (const s of stages) {
    if (s.to > s.from && s.from <= j && j < s.to && open === undefined) {
      open = s.start_ms + ((j - s.from) / (s.to - s.from)) * s.duration_ms;
    } else if (s.to < s.from && s.to <= j && j < s.from && open !== undefined) {
      const close = s.start_ms + ((s.from - j) / (s.from - s.to)) * s.duration_ms;
      if (close > open) windows.push({ start_ms: open, stop_ms: close });
      open = undefined;
    }
  }
  if (open !== undefined && total > open) windows.push({ start_ms: open, stop_ms: total });
  return windows;
}

/** Start times in iteration mode, following the same shapes (no holds: sessions end on their own). */
function iterationStarts(profile: LoadProfileName, sessions: number, ramp: number): number[] {
  if (profile === 'stress') {
    const levels = stressLevels(sessions);
    return Array.from({ length: sessions }, (_, j) => {
      const step = levels.findIndex((level) => j < level);
      return levels.length > 1 ? (step / (levels.length - 1)) * ramp : 0;
    });
  }
  if (profile === 'spike') {
    const base = spikeBase(sessions);
    return Array.from({ length: sessions }, (_, j) => (j < base ? (j / base) * ramp : ramp));
  }
  return Array.from({ length: sessions }, (_, j) => (j / sessions) * ramp);
}

/** breaking_point: each level a sudden jump, then held; every session runs to the end (or the break). */
function planLevels(sessions: number, think: number, levels: LevelPlan): LoadPlan {
  const stages: Stage[] = [];
  let from = 0;
  levels.levels.forEach((to, k) => {
    const at = k * levels.level_ms;
    stages.push({ label: `level ${k + 1}`, start_ms: at, duration_ms: 0, from, to }, { label: `level ${k + 1} hold`, start_ms: at, duration_ms: levels.level_ms, from: to, to });
    from = to;
  });
  const total = levels.levels.length * levels.level_ms;
  return {
    profile: 'breaking_point', sessions, mode: 'duration', ramp_up_ms: 0, duration_ms: total, think_time_ms: think, total_ms: total,
    stages, windows: Array.from({ length: sessions }, (_, j) => windowsOf(j, stages, total)), levels,
  };
}

export function planLoad(input: LoadPlanInput): LoadPlan {
  const profile = input.profile ?? 'normal';
  const sessions = Math.floor(input.sessions);
  if (!(sessions >= 1)) throw new RangeError(`sessions must be at least 1, got ${input.sessions}`);
  const think = Math.max(0, input.thinkTimeMs ?? 0);
  if (profile === 'breaking_point') return planLevels(sessions, think, breakingLevels({ sessions, ...input.levels }));
  if (input.durationMs === undefined && input.iterations !== undefined) {
    const ramp = Math.max(0, input.rampUpMs ?? 0);
    const starts = iterationStarts(profile, sessions, ramp);
    return {
      profile, sessions, mode: 'iterations', ramp_up_ms: ramp, iterations: input.iterations, think_time_ms: think,
      stages: stagesFor(profile, sessions, ramp, 0), windows: starts.map((start_ms) => [{ start_ms }]),
    };
  }
  const hold = Math.max(0, input.durationMs ?? DEFAULT_DURATION_MS[profile]);
  const ramp = Math.max(0, input.rampUpMs ?? Math.min(30_000, Math.round(hold / 10)));
  const stages = stagesFor(profile, sessions, ramp, hold);
  const total = ramp + hold;
  return {
    profile, sessions, mode: 'duration', ramp_up_ms: ramp, duration_ms: hold, think_time_ms: think, total_ms: total,
    stages, windows: Array.from({ length: sessions }, (_, j) => windowsOf(j, stages, total)),
  };
}
