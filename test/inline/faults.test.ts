// Faults declared in YAML bite, and are always undone: the degraded journeys fail without their faults;
// after a journey passes, fails, times out or is interrupted (SIGINT), no toxic remains, no proxy is
// left on the Toxiproxy, every server is back for the next journey, and no process of the run survives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, expect } from '@playwright/test';
import { parseDocument, isMap, isSeq } from 'yaml';
import { repoRoot, runJourneys } from '../support/inline.js';
import { alive, hostToxiproxy, watchRun } from './support/faultRun.js';
import type { ToxiproxyHost } from './support/faultRun.js';

test.describe.configure({ timeout: 600_000 });

const degradedDir = join(repoRoot, 'journeys', 'degraded');
const sharedDir = join(repoRoot, 'journeys', '_shared');

/** The journey with every `fault` and `server` step removed, wherever it is. */
function withoutFaults(text: string): string {
  const doc = parseDocument(text);
  for (const phase of ['setup_steps', 'test_steps', 'teardown_steps']) {
    const steps = doc.get(phase);
    if (!isSeq(steps)) continue;
    steps.items = steps.items.filter((step) => !(isMap(step) && (step.has('fault') || step.has('server'))));
  }
  return doc.toString();
}

test('every degraded journey fails once its faults are taken out', async () => {
  const names = readdirSync(degradedDir).filter((f) => f.endsWith('.journey.yaml'));
  expect(names.length).toBeGreaterThanOrEqual(7);
  const files: Record<string, string> = {};
  for (const name of names) {
    const text = readFileSync(join(degradedDir, name), 'utf8');
    const stripped = withoutFaults(text);
    expect(stripped, `${name} has fault or server steps to take out`).not.toBe(parseDocument(text).toString());
    files[`degraded/${name}`] = stripped;
  }
  for (const name of readdirSync(sharedDir)) files[`_shared/${name}`] = readFileSync(join(sharedDir, name), 'utf8');
  const run = await runJourneys({ files, mcpConfigPath: join(repoRoot, 'fixtures', 'mcp.json'), args: ['--workers=1', '--retries=0'], timeoutMs: 540_000 });
  expect(run.output).toContain(`${names.length} failed`);
  expect(run.output).not.toMatch(/\d+ passed/);
  expect(run.exitCode).toBe(1);
  // Each fails on an expectation of its own, not on validation or the runner.
  expect(run.allureResults).toHaveLength(names.length);
  for (const result of run.allureResults) {
    expect(result.status, result.name).toBe('failed');
    expect(result.statusDetails?.message ?? '', result.name).not.toMatch(/STEP_NOT_SUPPORTED|JOURNEY_SCHEMA|FAULT_SETUP|SERVER_CONTROL/);
  }
});

const header = (id: string, name: string) => `test_id: ${id}
test_name: ${name}
description: A journey of the fault-cleanup test.
servers_required: [codebase-mcp, workflow-mcp]
`;

const faults = `  - fault: { target: codebase-mcp, latency: { ms: 3000 } }
  - fault: { target: workflow-mcp.db, down: true }
  - fault: { target: codebase-mcp.db, timeout: { ms: 0 }, direction: both }
`;

/** Fails unless the faults are gone and codebase-mcp runs again. */
const healthyCheck = `  - name: codebase-mcp answers fast
    call: codebase-mcp.search_code
    args: { query: anything }
    timeout: 2500ms
    expect: { latency_ms: { max: 2500 } }
  - name: workflow-mcp reaches its database
    call: workflow-mcp.list_projects
    timeout: 5s
`;

const journeys = {
  'cleanup/a-passes-leaving-faults.journey.yaml': `${header('a0000000-0000-4000-8000-00000000000a', 'passes and leaves faults and a stopped server')}test_steps:
  - call: workflow-mcp.list_projects
    expect: { outcome: ok }
${faults}  - server: { action: stop, target: codebase-mcp }
  - call: codebase-mcp.search_code
    args: { query: anything }
    expect: { unavailable: true }
`,
  'cleanup/b-finds-the-stack-whole.journey.yaml': `${header('b0000000-0000-4000-8000-00000000000b', 'finds the stack whole')}test_steps:
${healthyCheck}  - call: codebase-mcp.search_code
    args: { query: "" }
    expect: { error: Search query cannot be empty }
`,
  'cleanup/c-fails-under-faults.journey.yaml': `${header('c0000000-0000-4000-8000-00000000000c', 'fails under faults')}test_steps:
  - call: codebase-mcp.search_code
    args: { query: "" }
    expect: { error: Search query cannot be empty }
${faults}  - server: { action: kill, target: codebase-mcp }
  - name: A wrong expectation
    call: workflow-mcp.get_active_project
    timeout: 2s
    expect: { result: { $.name: no-such-project } }
teardown_steps:
${healthyCheck}`,
  'cleanup/d-times-out-under-faults.journey.yaml': `${header('d0000000-0000-4000-8000-00000000000d', 'times out under faults')}timeout: 15s
test_steps:
  - call: codebase-mcp.search_code
    args: { query: "" }
    expect: { error: Search query cannot be empty }
  - call: workflow-mcp.list_projects
    expect: { outcome: ok }
${faults}  - server: { action: stop, target: workflow-mcp }
  - wait: 2m
teardown_steps:
${healthyCheck}`,
};

function flatten<T extends { steps?: T[] }>(steps: T[]): T[] {
  return steps.flatMap((s) => [s, ...flatten(s.steps ?? [])]);
}

async function nothingLeft(toxiproxy: ToxiproxyHost, pids: Set<number>): Promise<void> {
  expect(await toxiproxy.client.listProxies()).toEqual([]);
  let left = alive(pids);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await sleep(200);
    left = alive(pids);
  }
  expect(left, 'processes of the run still alive').toEqual([]);
}

test('after a pass, a failure and a timeout the faults are lifted, servers are back, nothing is left', async () => {
  const toxiproxy = await hostToxiproxy();
  try {
    const run = await watchRun({ files: journeys, toxiproxy, args: ['--workers=1', '--retries=0'] });
    expect(run.output).toContain('2 failed');
    expect(run.output).toContain('2 passed');
    expect(run.output).toMatch(/JourneyTimeoutError: Journey timeout of 15000 ms exceeded in step "wait[^"]*" \(running for \d+ ms\)/);
    expect(run.exitCode).toBe(1);
    // The faults really went through this Toxiproxy: three toxics at once.
    expect(run.maxToxics).toBeGreaterThanOrEqual(3);
    const byName = new Map(run.allure.map((r) => [r.name, r]));
    expect(byName.get('finds the stack whole')?.status).toBe('passed');
    for (const name of ['fails under faults', 'times out under faults']) {
      const steps = flatten(byName.get(name)?.steps ?? []);
      expect(steps.find((s) => s.name.startsWith('Restore the stack'))?.status, `${name}: stack restored`).toBe('passed');
      expect(steps.find((s) => s.name === 'Teardown')?.status, `${name}: teardown ran on a whole stack`).toBe('passed');
    }
    expect(run.output).not.toContain('teardown failure');
    expect(run.pids.size).toBeGreaterThan(2);
    await nothingLeft(toxiproxy, run.pids);
  } finally {
    await toxiproxy.server.close();
  }
});

test('after SIGINT in the middle of a faulty journey nothing is left', async () => {
  const toxiproxy = await hostToxiproxy();
  try {
    const run = await watchRun({
      files: { 'cleanup/d-times-out-under-faults.journey.yaml': journeys['cleanup/d-times-out-under-faults.journey.yaml'] },
      toxiproxy,
      args: ['--workers=1', '--retries=0'],
      interruptWhen: (toxics) => toxics >= 3,
    });
    expect(run.maxToxics).toBeGreaterThanOrEqual(3);
    // Playwright itself reports the interruption and exits 130: the run ended on its own, nothing hung.
    expect(run.output).toContain('1 interrupted');
    expect(run.exitCode, run.output).toBe(130);
    await nothingLeft(toxiproxy, run.pids);
  } finally {
    await toxiproxy.server.close();
  }
});

test('under S12\'s latency fault a tight budget fails as latency, and the run is marked degraded', async () => {
  const text = readFileSync(join(degradedDir, 's12-codebase-latency.journey.yaml'), 'utf8')
    .replace(/^tags: .*\n/m, '')
    .replace('latency_ms: { max: 5000, warn: 1400 }', 'latency_ms: { max: 1000 }');
  const files: Record<string, string> = { 'degraded/s12-tight-budget.journey.yaml': text };
  for (const name of readdirSync(sharedDir)) files[`_shared/${name}`] = readFileSync(join(sharedDir, name), 'utf8');
  const run = await runJourneys({ files, mcpConfigPath: join(repoRoot, 'fixtures', 'mcp.json'), args: ['--workers=1', '--retries=0'], timeoutMs: 300_000 });
  expect(run.exitCode).toBe(1);
  expect(run.output).toMatch(/Latency budget exceeded: .*Search under the delay still finds the code/);
  const [result] = run.allureResults;
  expect(result?.labels).toContainEqual({ name: 'tag', value: 'degraded' });
  const failed = flatten(result?.steps ?? []).find((s) => s.name === 'Search under the delay still finds the code');
  expect(failed?.parameters).toEqual(expect.arrayContaining([
    { name: 'failure', value: 'latency' },
    { name: 'faults', value: 'codebase-mcp latency 1500ms downstream' },
    { name: 'injected_ms', value: '1500' },
  ]));
});
