// `fault:` — toxics on a stack link through Toxiproxy (or the link disabled), or `clear`. The fault is
// shown on the step (Allure parameters) and on the test (a `degraded` annotation and tag).
import { test } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { messageOf } from '../../common/messageOf.js';
import type { FaultRequest, FaultStepPlan } from '../../compile/plan.js';
import type { RunContext, StepRecord } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { noteParameters } from '../journeyReport.js';

function scopeText(request: FaultRequest): string {
  const { scope } = request;
  const base = scope.kind === 'until_clear' ? 'until clear' : scope.kind === 'until' ? `until step "${scope.step}"` : `${scope.count} step${scope.count === 1 ? '' : 's'}`;
  return request.durationMs === undefined ? base : `${base}, at most ${request.durationMs} ms`;
}


export async function runFault(step: FaultStepPlan, ctx: RunContext): Promise<void> {
  const faults = ctx.faults;
  if (!faults) {
    throw new JourneyStepError(`${step.title}: fault steps need Toxiproxy in front of the servers, and this stack has none`,
      'FAULT_SETUP', step.location);
  }
  const record = { phase: ctx.phase, title: step.title, kind: step.kind, location: step.location, status: 'passed' as const };
  try {
    if (step.fault.op === 'clear') {
      const lifted = await faults.clear(step.fault.targets);
      const entry: StepRecord = { ...record, faults: lifted };
      ctx.records.push(entry);
      noteParameters(entry, [['cleared', lifted.length > 0 ? lifted.join('; ') : 'nothing was active']]);
      return;
    }
    const request = step.fault.request;
    const fault = await faults.add(request, ctx);
    const entry: StepRecord = { ...record, server: request.target, faults: [request.label] };
    ctx.records.push(entry);
    const info = test.info();
    const firstFault = !info.annotations.some((a) => a.type === 'degraded');
    info.annotations.push({ type: 'degraded', description: `${request.label} (${scopeText(request)})` });
    if (firstFault && !info.tags.includes('@degraded')) await allure.tag('degraded');
    noteParameters(entry, [
      ['target', request.target],
      ['proxy', fault.proxy],
      ['fault', request.down ? 'down (proxy disabled)' : request.label.slice(request.target.length + 1)],
      ['scope', scopeText(request)],
    ]);
  } catch (e) {
    if (e instanceof JourneyStepError) throw e;
    const error = new JourneyStepError(`${step.title}: ${messageOf(e)}`, 'FAULT_SETUP', step.location);
    error.cause = e;
    throw error;
  }
}
