// Journey-level `assertions:` — checked after the test steps, over what the steps recorded.
import { test } from '@playwright/test';
import type { AssertionPlan } from '../compile/plan.js';
import { maskError } from '../report/mask.js';
import type { RunContext } from './context.js';
import { renderMatcher } from './expect/checks.js';
import { JourneyStepError, LatencyBudgetError, locateError } from './expect/errors.js';
import { evaluate, show } from './expect/matchers.js';

export function assertionTitle(a: AssertionPlan): string {
  switch (a.kind) {
    case 'latency': {
      const limits = [a.maxMs !== undefined ? `max <= ${a.maxMs} ms` : '', a.p95Ms !== undefined ? `p95 <= ${a.p95Ms} ms` : ''].filter(Boolean);
      return `assert latency of "${a.step}" ${limits.join(', ')}`;
    }
    case 'outcome': return `assert outcome of "${a.step}" is ${a.is}`;
    case 'that': return `assert ${a.template}`;
  }
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function check(a: AssertionPlan, ctx: RunContext): void {
  if (a.kind === 'that') {
    const value = ctx.scope.render(a.template);
    const failed = a.matchers.map((m) => ({ m, r: evaluate(renderMatcher(m, ctx.scope.render), { present: value !== undefined, value }) })).filter((x) => !x.r.pass);
    const first = failed[0];
    if (!first) return;
    const message = `Expectation failed: ${a.template}\n  Expected: ${failed.map((f) => f.r.expected).join(' and ')}\n  Received: ${show(value)}`;
    throw new JourneyStepError(message, 'EXPECTATION_FAILED', first.m.location, { expected: first.r.expected, actual: value, path: a.template });
  }
  const records = ctx.records.filter((r) => r.title === a.step);
  if (records.length === 0) {
    throw new JourneyStepError(`no step titled "${a.step}" ran, so there is nothing to assert`, 'ASSERTION', a.location);
  }
  if (a.kind === 'outcome') {
    const last = records[records.length - 1];
    if (last?.outcome === a.is) return;
    throw new JourneyStepError(`"${a.step}" ended with outcome ${last?.outcome ?? 'none'}\n  Expected: ${a.is}\n  Received: ${last?.outcome ?? 'none'}`,
      'ASSERTION', a.location, { expected: a.is, actual: last?.outcome });
  }
  const samples = records.map((r) => r.latencyMs).filter((v): v is number => v !== undefined);
  const worst = Math.max(...samples);
  if (a.maxMs !== undefined && worst > a.maxMs) {
    throw new LatencyBudgetError(`"${a.step}" took up to ${Math.round(worst)} ms over ${samples.length} call(s), max ${a.maxMs} ms`, a.location, worst, a.maxMs);
  }
  const p95 = percentile(samples, 95);
  if (a.p95Ms !== undefined && p95 > a.p95Ms) {
    throw new LatencyBudgetError(`"${a.step}" p95 ${Math.round(p95)} ms over ${samples.length} call(s), budget ${a.p95Ms} ms`, a.location, p95, a.p95Ms);
  }
}

export async function runAssertions(assertions: AssertionPlan[], ctx: RunContext): Promise<void> {
  for (const a of assertions) {
    const title = assertionTitle(a);
    await test.step(title, () => {
      try {
        check(a, ctx);
      } catch (e) {
        if (e instanceof JourneyStepError) throw maskError(locateError(e, [{ title, location: e.location }]));
        throw maskError(e);
      }
    }, { location: a.location });
  }
}
