// `wait: 2s` — a pause that ends early when the test does.
import { setTimeout as sleep } from 'node:timers/promises';
import type { WaitStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';

export async function runWait(step: WaitStepPlan, ctx: RunContext): Promise<void> {
  await sleep(step.ms, undefined, { signal: ctx.signal });
}
