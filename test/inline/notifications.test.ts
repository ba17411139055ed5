// Notifications in whole journeys: progress, logs and other notifications expected on the step that
// received them, shown on the step in Allure; and journeys meant to fail, checked to fail as they should.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { runJourneys, type AllureStep, type InlineRun } from '../support/inline.js';
import { notifyServerPath, testServerCommand } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

const notifyTools = ['work', 'touch', 'later', 'slow', 'cancellations'];
const mcpConfig = { mcpServers: { notify: { type: 'stdio', ...testServerCommand('notify', notifyServerPath), tools: notifyTools } } };

const head = (n: number, name: string) => `test_id: 7a1c2e90-5b3d-4f6a-8c7e-0d1f2a3b4c${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [notify]
`;

const passing = `${head(1, 'Progress, logs and list_changed are expectable')}test_steps:
  - name: Long work reports progress
    call: notify.work
    args: { steps: 3, log: indexing }
    expect:
      progress: { minItems: 3, contains: { progress: 3, total: 3 } }
      logs: "info [work]: indexing 2"
      notifications: { contains: { method: notifications/message } }
  - call: notify.touch
    args: { uri: "notify://x" }
    expect:
      notifications: { contains: { method: notifications/resources/updated, params: { uri: "notify://x" } } }
      progress: { length: 0 }
  - read: { server: notify, uri: "notify://state" }
    expect: { logs: { matches: "^debug \\\\[resources\\\\]: read notify://state$" } }
  - call: notify.slow
    args: { ms: 5000 }
    timeout: 200ms
    expect: { timeout: true }
`;

const tooFew = `${head(2, 'Too few progress items')}test_steps:
  - name: Expects more progress than comes
    call: notify.work
    args: { steps: 2 }
    expect:
      progress: { minItems: 5 }
  - call: notify.slow
    args: { ms: 5000 }
    timeout: 200ms
    expect: { timeout: true }
`;

const noLog = `${head(3, 'A log line that never comes')}test_steps:
  - call: notify.work
    args: { steps: 1 }
    expect:
      logs: "error:"
  - call: notify.slow
    args: { ms: 5000 }
    timeout: 200ms
    expect: { timeout: true }
`;

const waits = `${head(4, 'Notifications waited for')}test_steps:
  - call: notify.later
    args: { ms: 300, uri: "notify://late" }
  - name: The update comes after the call answered
    wait_for: { server: notify, method: notifications/resources/updated, params: { uri: "notify://late" } }
    timeout: 10s
    save: { updated: $.uri }
    expect: { result: { $.uri: "notify://late" } }
  - name: Each notification satisfies one wait_for only
    wait_for: { server: notify, method: notifications/resources/updated }
    timeout: 300ms
    expect: { timeout: true }
  - call: notify.touch
    args: { uri: "\${updated}" }
  - name: Sent during the step before, so already there
    wait_for: { server: notify, method: notifications/tools/list_changed }
    timeout: 5s
    expect: { notifications: { minItems: 3 } }
`;

const waitTimesOut = `${head(5, 'A notification that never comes')}test_steps:
  - call: notify.touch
    expect: { outcome: ok }
  - name: Waits for a prompt list change
    wait_for: { server: notify, method: notifications/prompts/list_changed }
    timeout: 300ms
  - call: notify.slow
    args: { ms: 5000 }
    timeout: 200ms
    expect: { timeout: true }
`;

const cancels = `${head(6, 'A call cancelled as on Esc')}test_steps:
  - name: The user presses Esc
    call: notify.slow
    args: { ms: 10000 }
    cancel_after: 200ms
    expect: { outcome: cancelled }
  - call: notify.cancellations
    expect: { result: { $.count: 1, $.reason: { contains: "after 200 ms" } } }
`;

const notCancelledInTime = `${head(7, 'Too slow for its cancel_after')}test_steps:
  - call: notify.slow
    args: { ms: 10000 }
    cancel_after: 200ms
    expect: { outcome: ok }
  - call: notify.cancellations
    expect: { outcome: cancelled }
    cancel_after: 5s
`;

function find(steps: AllureStep[], name: string): AllureStep | undefined {
  for (const step of steps) {
    if (step.name === name) return step;
    const inner = find(step.steps, name);
    if (inner) return inner;
  }
  return undefined;
}

async function run(files: Record<string, string>): Promise<{ run: InlineRun; attachment: (source: string) => unknown }> {
  const bodies = new Map<string, string>();
  const result = await runJourneys({
    files, mcpConfig,
    afterRun: (dir) => {
      const results = join(dir, 'allure-results');
      if (!existsSync(results)) return Promise.resolve();
      for (const name of readdirSync(results).filter((f) => f.endsWith('-attachment.json'))) bodies.set(name, readFileSync(join(results, name), 'utf8'));
      return Promise.resolve();
    },
  });
  return { run: result, attachment: (source) => JSON.parse(bodies.get(source) ?? 'null') as unknown };
}

test('progress, logs and notifications pass on the steps that received them, and show in Allure', async () => {
  const { run: r, attachment } = await run({ 'notify/passing.journey.yaml': passing });
  expect(r.exitCode, r.output).toBe(0);
  const work = find(r.allureResults[0]?.steps ?? [], 'Long work reports progress');
  const attached = (work?.attachments ?? []).find((a) => a.name === 'notifications');
  expect(attached?.type).toBe('application/json');
  const body = attachment(attached?.source ?? '') as { method: string; params: unknown; after_ms: number }[];
  expect(body.map((n) => n.method)).toEqual(Array.from({ length: 3 }, () => ['notifications/progress', 'notifications/message']).flat());
  expect(body[0]).toEqual({ method: 'notifications/progress', params: { progress: 1, total: 3, message: 'step 1 of 3' }, after_ms: 0 });
  // A step that heard nothing has no such attachment.
  const slow = find(r.allureResults[0]?.steps ?? [], 'call notify.slow');
  expect((slow?.attachments ?? []).map((a) => a.name)).not.toContain('notifications');
});

test('too few progress items, or a log line that never came, fail the step at the line that expected them', async () => {
  const { run: r } = await run({ 'notify/too-few.journey.yaml': tooFew, 'notify/no-log.journey.yaml': noLog });
  expect(r.exitCode, r.output).toBe(1);
  expect(r.output).toContain('2 failed');
  // Lines count the schema line the inline runner puts first.
  expect(r.output).toMatch(/Expectation failed: progress\n\s+progress {2}\(line 11\)/);
  expect(r.output).toContain('Expected: at least 5 item(s)');
  expect(r.output).toContain('Received: [{"progress":1,"total":2,"message":"step 1 of 2"},{"progress":2,"total":2,"message":"step 2 of 2"}]  (length 2)');
  expect(r.output).toMatch(/at expect \(.*notify\/too-few\.journey\.yaml:11:19\)/);
  expect(r.output).toMatch(/Expectation failed: logs\n\s+logs {2}\(line 10\)/);
  expect(r.output).toContain('Expected: to contain "error:"');
  expect(r.output).toContain('Received: "info [work]: working 1"');
  for (const result of r.allureResults) expect(result.status).toBe('failed');
});

test('wait_for takes a notification sent after the call answered, once; one that never comes times out clearly', async () => {
  const { run: r } = await run({ 'notify/waits.journey.yaml': waits, 'notify/wait-times-out.journey.yaml': waitTimesOut });
  expect(r.exitCode, r.output).toBe(1);
  expect(r.output).toContain('1 passed');
  expect(r.output).toContain('1 failed');
  expect(r.output).toContain('Waits for a prompt list change timed out: notify: no notifications/prompts/list_changed within 300 ms (received meanwhile: notifications/tools/list_changed ×1, notifications/resources/list_changed ×1, notifications/resources/updated ×1)');
  expect(r.output).toMatch(/at Waits for a prompt list change \(.*notify\/wait-times-out\.journey\.yaml:9:5\)/);
  const failed = r.allureResults.find((x) => x.name === 'A notification that never comes');
  expect(failed?.status).toBe('failed');
  const passed = r.allureResults.find((x) => x.name === 'Notifications waited for');
  expect(passed?.status, r.output).toBe('passed');
  const waited = find(passed?.steps ?? [], 'The update comes after the call answered');
  expect((waited?.attachments ?? []).map((a) => a.name)).toEqual(['request', 'response', 'notifications']);
});

test('cancel_after cancels the call and the outcome is cancelled; a call cancelled where the journey expects ok fails as a timeout', async () => {
  const { run: r } = await run({ 'notify/cancels.journey.yaml': cancels, 'notify/not-in-time.journey.yaml': notCancelledInTime });
  expect(r.exitCode, r.output).toBe(1);
  expect(r.output).toContain('1 passed');
  expect(r.output).toContain('call notify.slow was cancelled: notify: tools/call slow was cancelled after 200 ms (notifications/cancelled sent, as on Esc in Claude Code)');
  const failed = r.allureResults.find((x) => x.name === 'Too slow for its cancel_after');
  expect(failed?.status).toBe('failed');
  const categories = JSON.parse(r.allureFiles['categories.json'] ?? '[]') as { name: string; messageRegex: string }[];
  const message = failed?.statusDetails?.message ?? '';
  expect(categories.filter((c) => new RegExp(c.messageRegex).test(message)).map((c) => c.name)).toEqual(['Timeout']);
  const passed = r.allureResults.find((x) => x.name === 'A call cancelled as on Esc');
  expect(passed?.status, r.output).toBe('passed');
  const esc = find(passed?.steps ?? [], 'The user presses Esc');
  expect(esc?.parameters).toContainEqual({ name: 'outcome', value: 'cancelled' });
});
