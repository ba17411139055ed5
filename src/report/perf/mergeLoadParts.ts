// The parts of a Load Test Result that only some loads have, merged over shards: connections add up
// (per second over the longest shard), and the levels of a breaking_point load add up level by level.
// A merged level's p95 is the highest of the shards' (each shard judged its own calls; their histograms
// per level are not kept), so it can only overstate; it held when every shard's held.
import { errorRate } from './loadResult.js';
import type { BreakingLevel, BreakingPoint, ConnectionCounts, LoadTestResult } from './types.js';

export function mergeConnections(list: readonly LoadTestResult[], seconds: number): ConnectionCounts | undefined {
  const all = list.map((r) => r.connections).filter((c): c is ConnectionCounts => c !== undefined);
  if (all.length === 0) return undefined;
  const sum = (pick: (c: ConnectionCounts) => number): number => all.reduce((n, c) => n + pick(c), 0);
  const opened = sum((c) => c.opened);
  return { opened, closed: sum((c) => c.closed), failed: sum((c) => c.failed), per_second: Number((opened / Math.max(seconds, 1e-3)).toFixed(3)) };
}

function mergeLevel(levels: readonly BreakingLevel[]): BreakingLevel {
  const [first] = levels;
  const requests = levels.reduce((n, l) => n + l.requests, 0);
  const failed = levels.reduce((n, l) => n + l.failed, 0);
  const reasons = [...new Set(levels.flatMap((l) => (l.reason === undefined ? [] : [l.reason])))];
  const level: BreakingLevel = {
    sessions: first?.sessions ?? 1, start_ms: first?.start_ms ?? 0, requests, failed,
    p95_ms: Math.max(0, ...levels.map((l) => l.p95_ms)), error_rate: errorRate(failed, requests), held: levels.every((l) => l.held),
  };
  if (reasons.length > 0) level.reason = reasons.join('; ');
  return level;
}

export function mergeBreakingPoints(list: readonly LoadTestResult[]): BreakingPoint | undefined {
  const all = list.map((r) => r.breaking_point).filter((b): b is BreakingPoint => b !== undefined);
  const [first] = all;
  if (!first) return undefined;
  // A level counts where every shard got to it; a shard that broke earlier stopped there.
  const depth = Math.min(...all.map((b) => b.levels.length));
  const levels = Array.from({ length: depth }, (_, k) => mergeLevel(all.map((b) => b.levels[k]).filter((l): l is BreakingLevel => l !== undefined)));
  const merged: BreakingPoint = { start: first.start, step: first.step, max: first.max, level_duration_ms: first.level_duration_ms, levels };
  const held = levels.filter((l) => l.held).at(-1);
  const broken = levels.find((l) => !l.held);
  if (held) merged.last_held = held.sessions;
  if (broken) {
    merged.first_broken = broken.sessions;
    if (broken.reason !== undefined) merged.reason = broken.reason;
  }
  return merged;
}
