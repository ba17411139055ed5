// The breaking_point profile's judge: every call that finishes goes to the level running at that moment;
// at each level's end its calls alone are held to the thresholds (and a server crash breaks it), and the
// first level that breaks stops the load. The result keeps every level run, the last that held, the
// first that broke and why.
import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyHistogram } from '../../report/perf/histogram.js';
import { errorRate, loadFailures } from '../../report/perf/loadResult.js';
import type { BreakingLevel, BreakingPoint, LoadThresholds } from '../../report/perf/types.js';
import type { LevelPlan } from './levels.js';
import type { RecordedCall } from './recorder.js';

interface LevelCalls {
  histogram: LatencyHistogram;
  failed: number;
}

export class LevelJudge {
  private readonly calls: LevelCalls[];
  private readonly gates: { opened: Promise<boolean>; open: (go: boolean) => void }[];

  constructor(readonly plan: LevelPlan, readonly thresholds: LoadThresholds, readonly startMs: number) {
    this.calls = plan.levels.map(() => ({ histogram: LatencyHistogram.empty(), failed: 0 }));
    this.gates = plan.levels.map(() => {
      let open: (go: boolean) => void = () => undefined;
      const opened = new Promise<boolean>((resolve) => { open = resolve; });
      return { opened, open };
    });
    this.release(0, true);
  }

  /** True once the level starting at `startMs` may begin (the one before it held), false when the load
   * stopped first: a session of the next level never starts before its level is judged. */
  opens(startMs: number): Promise<boolean> {
    return this.gates[Math.round(startMs / this.plan.level_ms)]?.opened ?? Promise.resolve(false);
  }

  release(k: number, go: boolean): void {
    for (const gate of go ? this.gates.slice(k, k + 1) : this.gates.slice(k)) gate.open(go);
  }

  record(call: RecordedCall, now = Date.now()): void {
    const k = Math.min(this.calls.length - 1, Math.max(0, Math.floor((now - this.startMs) / this.plan.level_ms)));
    const level = this.calls[k];
    if (!level) return;
    level.histogram.record(call.latency_ms);
    if (!call.ok) level.failed++;
  }

  /** Level `k` held to the thresholds; `crashed` names servers found gone at its end. */
  judge(k: number, crashed: readonly string[]): BreakingLevel {
    const calls = this.calls[k] ?? { histogram: LatencyHistogram.empty(), failed: 0 };
    const requests = calls.histogram.count;
    const p95 = requests === 0 ? 0 : calls.histogram.figures().p95_ms;
    const rate = errorRate(calls.failed, requests);
    const reasons = [
      ...crashed.map((name) => `${name} crashed`),
      ...loadFailures({ p95_latency_ms: p95, error_rate: rate, thresholds: this.thresholds, total_requests: requests })
        .map((r) => (r === 'no request was made' ? 'no call finished during the level' : r)),
    ];
    const level: BreakingLevel = {
      sessions: this.plan.levels[k] ?? this.plan.max, start_ms: k * this.plan.level_ms, requests, failed: calls.failed,
      p95_ms: p95, error_rate: rate, held: reasons.length === 0,
    };
    if (reasons.length > 0) level.reason = reasons.join('; ');
    return level;
  }
}

export function breakingPoint(plan: LevelPlan, levels: BreakingLevel[]): BreakingPoint {
  const bp: BreakingPoint = { start: plan.start, step: plan.step, max: plan.max, level_duration_ms: plan.level_ms, levels };
  const broken = levels.find((l) => !l.held);
  const held = levels.filter((l) => l.held).at(-1);
  if (held) bp.last_held = held.sessions;
  if (broken) {
    bp.first_broken = broken.sessions;
    if (broken.reason !== undefined) bp.reason = broken.reason;
  }
  return bp;
}

/** Judges each level at its end until one breaks (then `stop` is aborted), the last has run or the load stops. */
/** `settle`: resolves once every call made so far has been recorded (calls from load threads come in batches). */
export async function watchLevels(judge: LevelJudge, crashed: () => string[], signal: AbortSignal, stop: AbortController, settle?: () => Promise<void>): Promise<BreakingPoint> {
  const levels: BreakingLevel[] = [];
  try {
    for (let k = 0; k < judge.plan.levels.length; k++) {
      const wait = judge.startMs + (k + 1) * judge.plan.level_ms - Date.now();
      try {
        if (wait > 0) await sleep(wait, undefined, { signal: AbortSignal.any([signal, stop.signal]) });
      } catch (e) {
        // Stopped from outside (a session failed): the levels judged so far are the result.
        if (signal.aborted) throw e;
        break;
      }
      await settle?.();
      const level = judge.judge(k, crashed());
      levels.push(level);
      if (!level.held) break;
      judge.release(k + 1, true);
    }
  } finally {
    judge.release(0, false);
    stop.abort();
  }
  return breakingPoint(judge.plan, levels);
}
