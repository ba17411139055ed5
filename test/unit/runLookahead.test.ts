// When the next call may go out ahead of its step (src/worker/lookahead.ts), and when it must wait.
import { test, expect } from '@playwright/test';
import type { CallStepPlan, StepPlan } from '../../src/compile/plan.js';
import type { RunContext } from '../../src/worker/context.js';
import { CallLookahead } from '../../src/worker/lookahead.js';
import { fakeContext, fakeScope, fakeSession, faultsInForce, okOutcome } from '../support/fakeContext.js';

const at = { file: '/j.journey.yaml', line: 1, column: 1 };

function call(extra: Partial<CallStepPlan> = {}): CallStepPlan {
  return {
    kind: 'call', title: 'call s.echo', location: at, server: 's', tool: 'echo', args: { text: '${said}' }, save: [],
    expect: { outcome: 'ok', outcomeLocation: at, checks: [] }, ...extra,
  };
}

interface Fake {
  ctx: RunContext;
  sent: { tool: string; args: Record<string, unknown> }[];
}

/** `said` is "hello" unless `variables` says otherwise. */
async function fake(options: { faults?: string[]; phase?: RunContext['phase']; aborted?: boolean; variables?: Record<string, unknown> } = {}): Promise<Fake> {
  const sent: Fake['sent'] = [];
  const controller = new AbortController();
  if (options.aborted) controller.abort();
  const ctx = fakeContext({
    phase: options.phase ?? 'test',
    signal: controller.signal,
    scope: fakeScope(options.variables ?? { said: 'hello' }),
    session: fakeSession({ callTool: (_server, tool, args) => { sent.push({ tool, args }); return Promise.resolve(okOutcome('x')); } }),
    ...(options.faults ? { faults: await faultsInForce(options.faults) } : {}),
  });
  return { ctx, sent };
}

test('a plain call goes out at once with the scope as it is now, and is handed to its own step once', async () => {
  const { ctx, sent } = await fake({ faults: [] });
  const ahead = new CallLookahead();
  const next = call();
  ahead.start(next, ctx);
  expect(sent).toEqual([{ tool: 'echo', args: { text: 'hello' } }]);
  expect(ahead.take(call())).toBeUndefined();
  const taken = ahead.take(next);
  expect(taken?.args).toEqual({ text: 'hello' });
  expect((await taken?.outcome)?.kind).toBe('ok');
  expect(ahead.take(next)).toBeUndefined();
  expect(ahead.sentAt(next)).toBeGreaterThan(0);
  expect(ahead.sentAt(next)).toBeUndefined();
});

test('nothing goes out ahead while a fault is in force, in teardown, after the end, or for other kinds of step', async () => {
  const cases: [string, Fake, StepPlan][] = [
    ['a fault in force', await fake({ faults: ['codebase-mcp down'] }), call()],
    ['teardown', await fake({ phase: 'teardown' }), call()],
    ['the test has ended', await fake({ aborted: true }), call()],
    ['a poll', await fake(), call({ eventually: { timeoutMs: 1000, intervalMs: 100, until: [], failIf: [], location: at } })],
    ['a benchmark', await fake(), call({ benchmark: { iterations: 10, warmup: 1, concurrency: 1, location: at } })],
    ['a wait', await fake(), { kind: 'wait', title: 'wait', location: at, ms: 10 }],
    ['arguments that do not render yet', await fake({ variables: {} }), call()],
  ];
  for (const [why, { ctx, sent }, next] of cases) {
    const ahead = new CallLookahead();
    ahead.start(next, ctx);
    expect(sent, why).toEqual([]);
    expect(ahead.take(next as CallStepPlan), why).toBeUndefined();
  }
});
