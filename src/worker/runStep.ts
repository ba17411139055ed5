// Plays one step as a Playwright `test.step` located at its YAML line, and makes whatever it throws
// point there too, so Playwright's output shows the journey's code frame instead of the runner's.
import { test } from '@playwright/test';
import { messageOf } from '../common/messageOf.js';
import type { StepPlan } from '../compile/plan.js';
import type { RunContext, StepRecord } from './context.js';
import { JourneyStepError, locateError, stackFrame } from './expect/errors.js';
import { describeFaults } from './faultReport.js';
import { describeStep } from './journeyReport.js';
import { maskError, maskText } from '../report/mask.js';
import { StepNotes } from '../report/stepNotes.js';
import { executeStep } from './steps/registry.js';
import { TemplateRuntimeError } from './variables.js';

const located = new WeakSet<Error>();

/** Names for the innermost stack frame: the YAML key that expected what failed. */
const FRAME_TITLES: Partial<Record<JourneyStepError['code'], string>> = {
  EXPECTATION_FAILED: 'expect',
  OUTCOME_MISMATCH: 'expect',
  LATENCY_BUDGET: 'expect.latency_ms',
  EVENTUALLY_TIMEOUT: 'eventually',
  EVENTUALLY_FAIL_IF: 'eventually.fail_if',
  SAVE_MISSING: 'save',
  SNAPSHOT_MISMATCH: 'expect.snapshot',
};

/** Kinds whose `timeout` is a per-call timeout handled by the session, not a step deadline. */
const CALL_LIKE = new Set<StepPlan['kind']>([
  'call', 'read', 'list_tools', 'list_prompts', 'get_prompt', 'list_resources', 'list_resource_templates', 'complete', 'ping', 'subscribe', 'unsubscribe', 'wait_for', 'contract',
]);

function asStepError(error: unknown, step: StepPlan): JourneyStepError {
  if (error instanceof JourneyStepError) return error;
  const message = messageOf(error);
  const code = error instanceof TemplateRuntimeError ? 'TEMPLATE' : 'RUNTIME';
  const wrapped = new JourneyStepError(`${step.title}: ${message}`, code, step.location);
  if (error instanceof Error) wrapped.cause = error;
  return wrapped;
}

/** Innermost frame first: the failing expectation, then the step, then the steps that contain it. */
export function locate(error: unknown, step: StepPlan): Error {
  if (error instanceof Error && located.has(error)) {
    error.stack = `${error.stack ?? ''}\n${stackFrame(step.title, step.location)}`;
    return error;
  }
  const stepError = asStepError(error, step);
  const frames = [{ title: step.title, location: step.location }];
  const at = stepError.location;
  if (at.file !== step.location.file || at.line !== step.location.line) frames.unshift({ title: FRAME_TITLES[stepError.code] ?? stepError.code, location: at });
  located.add(locateError(stepError, frames));
  return stepError;
}

/** Names the faults in force on the step's record, and how much of its latency they injected. */
function noteFaults(record: StepRecord, step: StepPlan, faults: string[], injectedMs: number): void {
  if (faults.length > 0 && record.kind !== 'fault') record.faults = faults;
  if (injectedMs > 0 && 'server' in step) record.injectedMs = injectedMs;
}

export async function runStep(step: StepPlan, ctx: RunContext, next?: StepPlan): Promise<void> {
  const options: { location: StepPlan['location']; timeout?: number } = { location: step.location };
  if (step.timeoutMs !== undefined && !CALL_LIKE.has(step.kind)) options.timeout = step.timeoutMs;
  await ctx.faults?.beforeStep(step.title);
  const faults = ctx.faults?.labels() ?? [];
  const injectedMs = 'server' in step && typeof step.server === 'string' ? (ctx.faults?.injectedMs(step.server) ?? 0) : 0;
  await test.step(maskText(step.title), async (info) => {
    const opened = performance.now();
    ctx.timeline?.begin(opened);
    const notes = new StepNotes();
    const before = ctx.records.length;
    try {
      await executeStep(step, ctx);
      if (next) ctx.lookahead?.start(next, ctx);
    } catch (e) {
      throw maskError(locate(e, step));
    } finally {
      const measured = ctx.records.slice(before).filter((r) => r.location === step.location).pop();
      if (measured) {
        noteFaults(measured, step, faults, injectedMs);
        // A report detail is not worth failing the step over, nor replacing the error it failed with.
        try {
          describeStep(measured, notes);
          describeFaults(measured, notes);
        } catch {
          notes.parameter('report', 'this step\'s details could not be written');
        }
      }
      const sentAt = ctx.lookahead?.sentAt(step);
      if (sentAt !== undefined) {
        notes.lead(opened - sentAt);
        ctx.timeline?.sentEarlier(sentAt);
      }
      // Sent with the step's end: no round trip of its own (see report/stepNotes.ts).
      info.annotations.push(...notes.annotations());
    }
  }, options);
  // Counted only when the step ended normally: after a failure the journey stops and teardown lifts all.
  await ctx.faults?.afterStep(ctx);
}
