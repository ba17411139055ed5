// When the next call may go out ahead of its step (src/worker/lookahead.ts), and when it must wait.
import { test, expect } from '@playwright/test';
import type { CallStepPlan, StepPlan } from '../../src/compile/plan.js';
import type { CallOutcome } from '../../src/mcp/types.js';
import type { RunContext } from '../../src/worker/context.js';
import { CallLookahead } from '../../src/worker/lookahead.js';

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

function fake(options: { faults?: string[]; phase?: RunContext['phase']; aborted?: boolean; render?: (value: unknown) => unknown } = {}): Fake {
  const sent: Fake['sent'] = [];
  const outcome = { kind: 'ok', value: 'x', latencyMs: 1, totalMs: 1, attempts: [] } as unknown as CallOutcome;
  const controller = new AbortController();
  if (options.aborted) controller.abort();
  const ctx = {
    phase: options.phase ?? 'test',
    signal: controller.signal,
    scope: { render: options.render ?? ((value: unknown) => JSON.parse(JSON.stringify(value).replace('${said}', 'hello')) as unknown) },
    session: { callTool: (_server: string, tool: string, args: Record<string, unknown>) => { sent.push({ tool, args }); return Promise.resolve(outcome); } },
    ...(options.faults ? { faults: { labels: () => options.faults } } : {}),
  } as unknown as RunContext;
  return { ctx, sent };
}

test('a plain call goes out at once with the scope as it is now, and is handed to its own step once', async () => {
  const { ctx, sent } = fake({ faults: [] });
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

test('nothing goes out ahead while a fault is in force, in teardown, after the end, or for other kinds of step', () => {
  const cases: [string, Fake, StepPlan][] = [
    ['a fault in force', fake({ faults: ['codebase-mcp down'] }), call()],
    ['teardown', fake({ phase: 'teardown' }), call()],
    ['the test has ended', fake({ aborted: true }), call()],
    ['a poll', fake(), call({ eventually: { timeoutMs: 1000, intervalMs: 100, until: [], failIf: [], location: at } })],
    ['a benchmark', fake(), call({ benchmark: { iterations: 10, warmup: 1, concurrency: 1, location: at } })],
    ['a wait', fake(), { kind: 'wait', title: 'wait', location: at, ms: 10 }],
    ['arguments that do not render yet', fake({ render: () => { throw new Error('said is not defined'); } }), call()],
  ];
  for (const [why, { ctx, sent }, next] of cases) {
    const ahead = new CallLookahead();
    ahead.start(next, ctx);
    expect(sent, why).toEqual([]);
    expect(ahead.take(next as CallStepPlan), why).toBeUndefined();
  }
});
