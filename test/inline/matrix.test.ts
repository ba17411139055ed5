// `matrix:` on a real run: one journey over two servers is two Playwright tests, each with its server in
// its title, its Allure parameters and its own history and run record, each talking to its own server.
import { test, expect } from '@playwright/test';
import { defaultMcpConfig, runJourneys } from '../support/inline.js';
import type { AllureStep } from '../support/inline.js';

test.describe.configure({ timeout: 180_000 });

interface Instance {
  name: string;
  testCaseId?: string;
  historyId?: string;
  parameters: { name: string; value: string }[];
  steps: AllureStep[];
}

const journey = `test_id: 5e2b8d14-7c3a-4f9e-b1d0-2a3b4c5d6e01
test_name: Echo on either server
description: The same journey over two servers.
servers_required: [test]
matrix:
  test: [test, test-b]
test_steps:
  - call: test.echo
    args: { text: hello }
    expect: { result: { $.text: hello } }
  - call: test.fail
    expect: { error: failed }
`;

function servers(): unknown {
  const one = (name: string) => (defaultMcpConfig(name) as { mcpServers: Record<string, unknown> }).mcpServers[name];
  return { mcpServers: { test: one('test'), 'test-b': one('test-b') } };
}

function stepParams(steps: AllureStep[], name: string): Record<string, string> {
  for (const s of steps) {
    if (s.name === name) return Object.fromEntries((s.parameters ?? []).map((p) => [p.name, p.value]));
    const inner = stepParams(s.steps, name);
    if (Object.keys(inner).length > 0) return inner;
  }
  return {};
}

test('a matrix over two servers runs as two tests, each named and reported by its server', async () => {
  const run = await runJourneys({ files: { 'both/echo.journey.yaml': journey }, mcpConfig: servers() });
  expect(run.exitCode, run.output).toBe(0);
  expect(run.output).toContain('both › Echo on either server [test: test]');
  expect(run.output).toContain('both › Echo on either server [test: test-b]');
  expect(run.output).toMatch(/2 passed/);
  const results = (run.allureResults as unknown as Instance[]).sort((a, b) => a.name.localeCompare(b.name));
  expect(results.map((r) => r.name)).toEqual(['Echo on either server [test: test-b]', 'Echo on either server [test: test]'].sort());
  const byServer = new Map(results.map((r) => [r.parameters.find((p) => p.name === 'test')?.value, r]));
  expect([...byServer.keys()].sort()).toEqual(['test', 'test-b']);
  for (const [server, result] of byServer) {
    expect.soft(result.testCaseId, 'one test case').toBe('5e2b8d14-7c3a-4f9e-b1d0-2a3b4c5d6e01');
    expect.soft(stepParams(result.steps, `call ${server ?? ''}.echo`), `the ${server} instance calls its own server`).toMatchObject({ server, tool: 'echo', outcome: 'ok' });
  }
  expect(new Set(results.map((r) => r.historyId)).size, 'a history each').toBe(2);
  expect(run.runRecords.map((r) => r['test_name']).sort()).toEqual(['Echo on either server [test: test-b]', 'Echo on either server [test: test]'].sort());
});
