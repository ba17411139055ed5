// The breaking_point profile's levels: `start` sessions, then `step` more at each level, up to the load's
// sessions (the last level is exactly that many), each held for `level_duration`. A level is judged on
// the calls that finish during it (breakingPoint.ts); the first that breaks ends the load.
export interface LevelInput {
  sessions: number;
  start?: number;
  step?: number;
  levelMs?: number;
}

export interface LevelPlan {
  start: number;
  step: number;
  max: number;
  level_ms: number;
  /** Sessions at each level, rising. */
  levels: number[];
}

export const DEFAULT_LEVEL_MS = 10_000;

export function breakingLevels(input: LevelInput): LevelPlan {
  const max = Math.max(1, Math.floor(input.sessions));
  const step = Math.max(1, Math.floor(input.step ?? Math.round(max / 10)));
  const start = Math.min(max, Math.max(1, Math.floor(input.start ?? step)));
  const levels: number[] = [];
  for (let n = start; n < max; n += step) levels.push(n);
  levels.push(max);
  return { start, step, max, level_ms: Math.max(1, input.levelMs ?? DEFAULT_LEVEL_MS), levels };
}
