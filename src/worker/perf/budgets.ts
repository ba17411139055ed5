// In a journey benchmark the p95 is what is judged, not each call: the steps' latency budgets
// (`expect.latency_ms`) become p95 targets of their tools' results instead of failing single calls.
import type { StepPlan } from '../../compile/plan.js';

/** The steps (nested ones too) with their latency budgets removed. */
export function withoutBudgets(steps: readonly StepPlan[]): StepPlan[] {
  return steps.map((step) => {
    let next: StepPlan = step;
    if ('expect' in next && next.expect?.latency) {
      const { latency: _dropped, ...expect } = next.expect;
      next = { ...next, expect };
    }
    if ('steps' in next) next = { ...next, steps: withoutBudgets(next.steps) };
    return next;
  });
}

/** `server.tool` → the tightest latency budget any of its calls has in the steps. */
export function budgetsByTool(steps: readonly StepPlan[], out = new Map<string, number>()): Map<string, number> {
  for (const step of steps) {
    if (step.kind === 'call' && step.expect.latency) {
      const key = `${step.server}.${step.tool}`;
      out.set(key, Math.min(out.get(key) ?? Infinity, step.expect.latency.maxMs));
    }
    if ('steps' in step) budgetsByTool(step.steps, out);
  }
  return out;
}
