// One unreported pass over a list of steps, for benchmark and load iterations: the same executors as a
// normal step, without a Playwright/Allure step per call (a load test makes thousands), and every
// measured call returned as a sample with when it started.
import type { StepPlan } from '../../compile/plan.js';
import type { RecordedCall } from './recorder.js';
import type { RunContext, StepRecord } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { locate } from '../runStep.js';
import { executeStep } from '../steps/registry.js';

export function quietRunStep(step: StepPlan, ctx: RunContext): Promise<void> {
  return executeStep(step, ctx).catch((e: unknown) => { throw locate(e, step); });
}

export interface Iteration {
  /** Every measured call (outcome-producing step) in the order made. */
  calls: (RecordedCall & { server?: string; tool?: string })[];
  /** Wall time of the whole pass. */
  elapsedMs: number;
  startedAtMs: number;
  error?: JourneyStepError | Error;
}

function categoryOf(error: unknown): string {
  return error instanceof JourneyStepError ? error.category : 'runtime';
}

export async function playIteration(steps: readonly StepPlan[], ctx: RunContext): Promise<Iteration> {
  const records: StepRecord[] = [];
  const started = new WeakMap<StepRecord, number>();
  // Records are pushed when a call returns; its start is then now minus its latency.
  records.push = (...items: StepRecord[]): number => {
    for (const r of items) started.set(r, Date.now() - (r.totalMs ?? r.latencyMs ?? 0));
    return Array.prototype.push.apply(records, items);
  };
  const inner: RunContext = { ...ctx, records, runStep: quietRunStep, warn: () => undefined, snapshots: undefined };
  const startedAtMs = Date.now();
  const t0 = performance.now();
  let error: JourneyStepError | Error | undefined;
  try {
    for (const step of steps) await quietRunStep(step, inner);
  } catch (e) {
    error = e instanceof Error ? e : new Error(String(e));
  }
  const elapsedMs = performance.now() - t0;
  const calls: Iteration['calls'] = records.filter((r) => r.latencyMs !== undefined).map((r) => {
    const call: Iteration['calls'][number] = { at_ms: started.get(r) ?? startedAtMs, latency_ms: r.latencyMs ?? 0, ok: r.status === 'passed' };
    if (r.status === 'failed') call.kind = r.category ?? r.outcome ?? 'error';
    if (r.server !== undefined) call.server = r.server;
    if (r.tool !== undefined) call.tool = r.tool;
    return call;
  });
  // A failure no call accounts for (a template, an SQL setup) still counts, so errors add up.
  if (error && !calls.some((c) => !c.ok)) calls.push({ at_ms: startedAtMs, latency_ms: elapsedMs, ok: false, kind: categoryOf(error) });
  const result: Iteration = { calls, elapsedMs, startedAtMs };
  if (error) result.error = error;
  return result;
}
