// Step kinds and expectations end to end: include, parallel, eventually, read, list_tools, outcomes
// (tool error, timeout, protocol error), latency budgets, teardown after a timeout, unsupported kinds.
import { test, expect } from '@playwright/test';
import { runJourneys } from '../support/inline.js';
import type { AllureResult, AllureStep } from '../support/inline.js';

test.describe.configure({ timeout: 600_000 });

const head = (n: number, name: string, extra = '') => `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3b${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [test]
${extra}`;

const fragment = `description: echo a greeting and keep it
params: { who: null, greeting: hello }
steps:
  - call: test.echo
    args: { text: "\${greeting} \${who}" }
    save: { greeted: $.text }
`;

const features = `${head(1, 'Every step kind that works')}test_steps:
  - include: ../_shared/greet.yaml
    with: { who: "\${run.id}" }
  - call: test.echo
    args: { text: "\${greeted}" }
    expect: { result: { $.text: { matches: "^hello [0-9a-f]+$" } } }
  - parallel:
      - call: test.slow
        args: { ms: 300 }
      - call: test.add
        args: { a: 1, b: 2 }
        expect: { result: { $.sum: 3 } }
  - parallel: { sessions: 2, steps: [ { call: test.count, expect: { result: { $.count: 1 } } } ] }
  - name: Count until three
    call: test.count
    eventually: { interval: 20ms, timeout: 5s, until: { $.count: { gte: 3 } }, fail_if: { $.count: { gt: 10 } } }
  - read: { server: test, uri: "test://info" }
    expect: { result: { $.name: test, $.sessionsOpened: { gte: 1 } } }
  - list_tools: test
    expect: { result: { "$.tools[*].name": { contains: echo } } }
  - call: test.hang
    timeout: 300ms
    expect: { timeout: true }
  - call: test.bad
    args: { mode: jsonrpc }
    expect: { protocol_error: deliberate JSON-RPC error }
  - call: test.fail
    expect: { outcome: tool_error, error: { matches: "^Error calling tool 'fail'" } }
  - wait: 10ms
assertions:
  - outcome: { step: Count until three, is: ok }
  - latency: { step: Count until three, max_ms: 5000 }
`;

const slow = `${head(2, 'Too slow')}test_steps:
  - name: Slow call
    call: test.slow
    args: { ms: 400 }
    expect: { latency_ms: 100 }
  - call: test.fail
    expect: { error: failed }
`;

// Long enough for a stdio server to start on a loaded machine: the time is up in the hanging call.
const hangs = `${head(3, 'Hangs past the test timeout', 'timeout: 12s\n')}test_steps:
  - call: test.hang
    timeout: 60s
    expect: { outcome: ok }
  - call: test.fail
    expect: { error: failed }
teardown_steps:
  - name: Teardown after timeout
    call: test.echo
    args: { text: still cleaned }
`;

// A stdio server is reached through the relay, so a fault on its link takes it down.
const noToxiproxy = `${head(4, 'Fault on a stdio server')}test_steps:
  - call: test.echo
    args: { text: a }
    expect: { result: { $.text: a } }
  - fault: { target: test, down: true }
  - call: test.fail
    expect: { error: failed }
`;

const failIf = `${head(5, 'Stops polling at once')}test_steps:
  - name: Poll with a terminal state
    call: test.count
    eventually: { interval: 20ms, timeout: 30s, until: { $.count: { gt: 100 } }, fail_if: { $.count: 2 } }
    expect: { outcome: ok }
  - call: test.fail
    expect: { error: failed }
`;

function steps(result: AllureResult | undefined): AllureStep[] {
  const all: AllureStep[] = [];
  const walk = (list: AllureStep[]) => { for (const s of list) { all.push(s); walk(s.steps); } };
  walk(result?.steps ?? []);
  return all;
}

const byName = (results: AllureResult[], name: string) => results.find((r) => r.name === name);

test('include, parallel, eventually, read, list_tools and every outcome expectation pass', async () => {
  const run = await runJourneys({ files: { 'kinds/features.journey.yaml': features, '_shared/greet.yaml': fragment } });
  expect(run.output).toContain('1 passed');
  expect(run.exitCode).toBe(0);
  const names = steps(run.allureResults[0]).map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining([
    'include ../_shared/greet.yaml', 'call test.echo', 'parallel: 2 steps', 'call test.slow', 'parallel: 2 sessions × 1 steps',
    'Count until three', 'read test test://info', 'list_tools test', 'call test.hang', 'call test.bad', 'wait 10ms',
    'assert outcome of "Count until three" is ok',
  ]));
  expect(names.filter((n) => n === 'call test.count')).toHaveLength(2);
});

test('failures are categorised and located; teardown runs after a timeout; a fault on a stdio server takes it down', async () => {
  const run = await runJourneys({
    files: { 'kinds/slow.journey.yaml': slow, 'kinds/hangs.journey.yaml': hangs, 'kinds/no-toxiproxy.journey.yaml': noToxiproxy, 'kinds/failif.journey.yaml': failIf },
  });
  expect(run.exitCode, run.output).toBe(1);
  expect(run.output).toContain('4 failed');
  expect(run.output).toMatch(/LatencyBudgetError: Latency budget exceeded: Slow call took \d+ ms, budget 100 ms/);
  expect(run.output).toMatch(/at expect\.latency_ms \(.*kinds\/slow\.journey\.yaml:10:15\)/);
  expect(run.output).toContain('Expected call test.fail to end with outcome tool_error, but it found the server unavailable');
  expect(run.output).toMatch(/cannot reach the stdio relay at 127\.0\.0\.1:\d+: connect ECONNREFUSED/);
  expect(run.output).toMatch(/at call test\.fail \(.*kinds\/no-toxiproxy\.journey\.yaml:11:5\)/);
  expect(run.output).toMatch(/fail_if held on poll 2/);
  // The journey's own timeout, a second before Playwright's: it names the step and the server.
  expect(run.output).toMatch(/JourneyTimeoutError: Journey timeout of 12000 ms exceeded in step "call test\.hang" \(running for \d+ ms\) on server test, waiting for its answer on an open connection/);
  expect(run.output).not.toContain('Test timeout of ');

  const timedOut = byName(run.allureResults, 'Hangs past the test timeout');
  expect(timedOut?.status).toBe('broken');
  expect(steps(timedOut).find((s) => s.name === 'Teardown after timeout')?.status, run.output).toBe('passed');
  expect(steps(byName(run.allureResults, 'Too slow')).find((s) => s.name === 'call test.fail')).toBeUndefined();
});

test('the negative folder is a project only when asked for', async () => {
  const files = { 'kinds/no-toxiproxy.journey.yaml': noToxiproxy, 'negative/slow.journey.yaml': slow };
  const plain = await runJourneys({ files, args: ['--list'] });
  expect(plain.output).toContain('Total: 1 test in 1 file');
  const named = await runJourneys({ files, args: ['--list', '--project=negative'] });
  expect(named.output).toMatch(/\[negative\] › \S*negative\/slow\.journey\.yaml:3:1 › negative › Too slow/);
  expect(named.output).toContain('Total: 1 test in 1 file');
  const env = await runJourneys({ files, args: ['--list'], env: { MCP_JOURNEYS_NEGATIVE: '1' } });
  expect(env.output).toContain('Total: 2 tests in 2 files');
});
