// `benchmark:` (on a call step or the journey) and `load:` (on the journey) → plans with defaults filled,
// durations in milliseconds.
import { durationMs } from '../common/duration.js';
import type { BenchmarkDoc, LoadDoc } from '../load/journey.js';
import type { BenchmarkPlan, LoadSpecPlan } from './plan.js';
import type { DocPath, Locator } from './source.js';

export function compileBenchmark(doc: BenchmarkDoc | undefined, at: DocPath, loc: Locator): BenchmarkPlan | undefined {
  if (!doc) return undefined;
  const plan: BenchmarkPlan = { iterations: doc.iterations, warmup: doc.warmup ?? 0, concurrency: doc.concurrency ?? 1, location: loc.key(at) };
  if (doc.target_p95_ms !== undefined) plan.targetP95Ms = doc.target_p95_ms;
  if (doc.operation !== undefined) plan.operation = doc.operation;
  return plan;
}

export function compileLoad(doc: LoadDoc | undefined, at: DocPath, loc: Locator): LoadSpecPlan | undefined {
  if (!doc) return undefined;
  const plan: LoadSpecPlan = {
    profile: doc.profile ?? 'normal', sessions: doc.sessions, thinkTimeMs: doc.think_time === undefined ? 0 : durationMs(doc.think_time),
    thresholds: {}, location: loc.key(at),
  };
  if (doc.ramp_up !== undefined) plan.rampUpMs = durationMs(doc.ramp_up);
  if (doc.duration !== undefined) plan.durationMs = durationMs(doc.duration);
  if (doc.iterations !== undefined) plan.iterations = doc.iterations;
  if (doc.start !== undefined) plan.startSessions = doc.start;
  if (doc.step !== undefined) plan.stepSessions = doc.step;
  if (doc.level_duration !== undefined) plan.levelMs = durationMs(doc.level_duration);
  if (doc.thresholds?.p95_ms !== undefined) plan.thresholds.p95Ms = doc.thresholds.p95_ms;
  if (doc.thresholds?.error_rate !== undefined) plan.thresholds.errorRate = doc.thresholds.error_rate;
  return plan;
}
