// Execution segments (as k6's): with --shard=i/n, or MCP_JOURNEYS_SEGMENT=i/n for a run that is not
// sharded (one machine of several), a load journey runs every n-th session of its schedule starting at
// the i-th. The sessions of all segments are those of the whole load, each keeping its own place in the
// schedule (when it starts and stops), so the segments' results merge (`merge-results`) into the run
// one machine would have made. The journeys reporter keeps a load journey in every shard
// (src/runner/segments.ts), so each shard runs its segment.
import type { SessionWindow } from './profiles.js';

export const SEGMENT_ENV = 'MCP_JOURNEYS_SEGMENT';

export interface Segment {
  /** 1-based, as Playwright's shard. */
  index: number;
  count: number;
}

/** MCP_JOURNEYS_SEGMENT when set, else the run's shard; undefined for the whole load. */
export function segmentOf(shard: { current: number; total: number } | null | undefined, env: NodeJS.ProcessEnv = process.env): Segment | undefined {
  const raw = env[SEGMENT_ENV]?.trim();
  if (raw) {
    const m = /^(\d+)\/(\d+)$/.exec(raw);
    const index = Number(m?.[1]);
    const count = Number(m?.[2]);
    if (!m || index < 1 || index > count) throw new Error(`${SEGMENT_ENV} must be i/n with 1 <= i <= n (as --shard), got "${raw}"`);
    return count > 1 ? { index, count } : undefined;
  }
  return shard && shard.total > 1 ? { index: shard.current, count: shard.total } : undefined;
}

/** The segment's sessions: every count-th from index-1, each with its windows of the whole schedule. */
export function segmentWindows(windows: readonly SessionWindow[][], segment: Segment | undefined): SessionWindow[][] {
  if (!segment) return [...windows];
  return windows.filter((_, j) => j % segment.count === segment.index - 1);
}
