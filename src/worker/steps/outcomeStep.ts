// The part every outcome-producing step shares (call, read, list_tools, sql): poll when `eventually`,
// check the outcome, then the checks, save, and the latency budget last, so a slow but correct step
// fails as *latency* and a wrong one as *assertion*.
import { setTimeout as sleep } from 'node:timers/promises';
import { isMultiValued, queryResult } from '../../common/jsonPath.js';
import type {
  CallStepPlan, ContractStepPlan, EventuallyPlan, HttpStepPlan, ListToolsStepPlan, ProtocolStepPlan, ReadStepPlan, ReferencesStepPlan, ServerStepPlan, SqlStepPlan, WaitForStepPlan,
} from '../../compile/plan.js';
import type { Attempt, CallOutcome, OutcomeKind } from '../../mcp/types.js';
import type { StepRequest } from '../../report/stepAttachments.js';
import type { RunContext, StepRecord } from '../context.js';
import { failureError, runChecks } from '../expect/checks.js';
import type { CheckFailure, Observed } from '../expect/checks.js';
import { JourneyStepError } from '../expect/errors.js';
import { show } from '../expect/matchers.js';
import { latencyVerdict, outcomeError } from '../expect/outcomeAndLatency.js';
import { checkSnapshot } from '../expect/snapshot.js';
import { noteAttachment, noteExchange } from '../journeyReport.js';

/** `server` steps starting an extra instance are expected like a call (see extraInstance.ts). */
export type OutcomeStepPlan = CallStepPlan | ContractStepPlan | ReadStepPlan | ListToolsStepPlan | ProtocolStepPlan | SqlStepPlan | HttpStepPlan | ReferencesStepPlan | WaitForStepPlan
  | (ServerStepPlan & { eventually?: undefined });

export interface Played extends Observed {
  kind: OutcomeKind;
  latencyMs: number;
  totalMs: number;
  attempts: Attempt[];
  raw?: unknown;
  truncated?: CallOutcome['truncated'];
  /** What was sent, for the step's request attachment. */
  request?: StepRequest;
  serverRequests?: CallOutcome['serverRequests'];
}

export interface Origin {
  server?: string;
  tool?: string;
}

function record(step: OutcomeStepPlan, ctx: RunContext, origin: Origin, played: Played): StepRecord {
  const entry: StepRecord = {
    phase: ctx.phase, title: step.title, kind: step.kind, location: step.location, ...origin,
    outcome: played.kind, latencyMs: played.latencyMs, totalMs: played.totalMs, attempts: Math.max(1, played.attempts.length),
    status: 'passed',
  };
  if (step.expect.latency) {
    entry.budgetMs = step.expect.latency.maxMs;
    if (step.expect.latency.warnMs !== undefined) entry.warnMs = step.expect.latency.warnMs;
  }
  if (played.request) noteExchange(entry, played.request, played);
  ctx.records.push(entry);
  return entry;
}

function markFailed(entry: StepRecord, e: unknown): unknown {
  entry.status = 'failed';
  if (e instanceof JourneyStepError) entry.category = e.category;
  entry.error = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
  return e;
}

function describe(failures: CheckFailure[]): string {
  return failures.map((f) => `${f.what}: expected ${f.expected}, received ${show(f.actual)}`).join('; ');
}

async function poll(step: OutcomeStepPlan, eventually: EventuallyPlan, ctx: RunContext, act: () => Promise<Played>, origin: Origin): Promise<{ played: Played; entry: StepRecord }> {
  const deadline = performance.now() + eventually.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const played = await act();
    const entry = record(step, ctx, origin, played);
    const outcomeOk = played.kind === step.expect.outcome;
    if (outcomeOk && eventually.failIf.length > 0 && runChecks(eventually.failIf, played, ctx.scope.render).length === 0) {
      throw markFailed(entry, new JourneyStepError(
        `fail_if held on poll ${attempt}: ${eventually.failIf.map((c) => c.subject.kind === 'result' ? c.subject.path : c.subject.kind).join(', ')}\n  Received: ${show(played.value)}`,
        'EVENTUALLY_FAIL_IF', eventually.failIf[0]?.location ?? eventually.location, { actual: played.value },
      ));
    }
    const pending = outcomeOk ? runChecks(eventually.until, played, ctx.scope.render) : [];
    if (outcomeOk && pending.length === 0) return { played, entry };
    if (performance.now() + eventually.intervalMs > deadline) {
      const why = outcomeOk ? describe(pending) : `outcome ${played.kind}: ${played.message ?? show(played.value)}`;
      throw markFailed(entry, new JourneyStepError(
        `eventually: not true within ${eventually.timeoutMs} ms (${attempt} polls); last poll: ${why}`,
        'EVENTUALLY_TIMEOUT', pending[0]?.check.location ?? eventually.location, { actual: played.value },
      ));
    }
    await sleep(eventually.intervalMs, undefined, { signal: ctx.signal });
  }
}

function save(step: OutcomeStepPlan, ctx: RunContext, origin: Origin, played: Played): JourneyStepError | undefined {
  for (const s of step.save) {
    const values = queryResult(played, s.path);
    if (values.length === 0) {
      return new JourneyStepError(`save ${s.name}: ${s.path} selected nothing\n  Received: ${show(played.value)}`, 'SAVE_MISSING', s.location, { path: s.path, actual: played.value });
    }
    const value = isMultiValued(s.path) ? values : values[0];
    ctx.scope.save(s.name, { value, provenance: { origin: 'save', step: step.title, ...origin, location: s.location } });
  }
  return undefined;
}

export async function playOutcomeStep(step: OutcomeStepPlan, ctx: RunContext, act: () => Promise<Played>, origin: Origin): Promise<Played> {
  const { played, entry } = step.eventually
    ? await poll(step, step.eventually, ctx, act, origin)
    : await act().then((p) => ({ played: p, entry: record(step, ctx, origin, p) }));
  const what = step.title;
  try {
    // Whatever the step expects: the journey did not say how to answer what the server asked.
    const unanswered = played.serverRequests?.find((r) => r.unanswered !== undefined);
    if (unanswered?.unanswered !== undefined) throw new JourneyStepError(`${what}: ${unanswered.unanswered}`, 'UNANSWERED_REQUEST', step.location);
    const wrongOutcome = outcomeError(step.expect, played, what, step.location);
    if (wrongOutcome) throw wrongOutcome;
    // Save before checks fail the step: teardown may need the ids this step created.
    const missing = save(step, ctx, origin, played);
    const failures = runChecks(step.expect.checks, played, ctx.scope.render);
    if (failures.length > 0) throw failureError(failures, step.location);
    if (missing) throw missing;
    if (step.expect.snapshot && ctx.snapshots) {
      const verdict = checkSnapshot(step.expect.snapshot, played.value, ctx.snapshots);
      if (verdict.attachment) noteAttachment(entry, verdict.attachment);
      if (verdict.error) throw verdict.error;
    }
    // A capped result passes on what was kept, but the cut is said on the test, as Claude Code warns.
    if (played.truncated && played.message !== undefined) {
      entry.warning = played.message;
      ctx.warn(played.message);
    }
    const latency = latencyVerdict(step.expect.latency, played.latencyMs, what);
    if (latency.error) throw latency.error;
    if (latency.warning) {
      entry.warning = latency.warning;
      ctx.warn(latency.warning);
    }
    return played;
  } catch (e) {
    throw markFailed(entry, e);
  }
}
