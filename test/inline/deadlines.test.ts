// Deadlines and teardown, end to end: a server that never answers `initialize` (stdio, streamable HTTP,
// SSE) ends its journey at the journey timeout, counted from the start, with a message naming the step,
// the server and the connection attempts in whole ms; and the teardown steps show in the list output,
// the JSON report and Allure after a pass, a failure, a journey timeout and Ctrl-C.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { journeysAllureReporter } from '../../src/runner/journeysConfig.js';
import { defaultMcpConfig, runJourneys } from '../support/inline.js';
import type { AllureResult, AllureStep, InlineOptions, InlineRun } from '../support/inline.js';
import { muteServerPath, startTestServer, testServerCommand } from '../support/servers/spawn.js';
import type { RunningServer } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

interface JsonStep { title: string; error?: { message?: string }; steps?: JsonStep[] }
interface JsonResult { status: string; duration: number; errors: { message?: string }[]; steps: JsonStep[]; annotations: { type: string; description?: string }[] }
interface JsonSpec { title: string; tests: { results: JsonResult[] }[] }
interface JsonSuite { specs?: JsonSpec[]; suites?: JsonSuite[] }

const head = (n: number, name: string, servers: string, extra = '') => `test_id: 7d4e2a90-3b1c-4f5e-8a6d-2c9b0e1f4a${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [${servers}]
${extra}`;

/** An inline run with the JSON reporter next to list and Allure, and steps printed by the list reporter. */
async function runWithJson(options: InlineOptions): Promise<InlineRun & { json: Map<string, JsonResult> }> {
  const jsonFile = join(tmpdir(), `mcpj-deadlines-${randomBytes(6).toString('hex')}.json`);
  try {
    const run = await runJourneys({
      ...options,
      args: [`--reporter=list,json,${journeysAllureReporter}`, ...(options.args ?? [])],
      env: { PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile, PLAYWRIGHT_LIST_PRINT_STEPS: '1', ...options.env },
    });
    const json = new Map<string, JsonResult>();
    const walk = (suite: JsonSuite): void => {
      for (const spec of suite.specs ?? []) {
        const result = spec.tests[0]?.results[0];
        if (result) json.set(spec.title, result);
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    if (!existsSync(jsonFile)) throw new Error(`no JSON report; the run printed:\n${run.output}`);
    walk(JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonSuite);
    return { ...run, json };
  } finally {
    rmSync(jsonFile, { force: true });
  }
}

function jsonSteps(steps: JsonStep[] = []): JsonStep[] {
  return steps.flatMap((s) => [s, ...jsonSteps(s.steps)]);
}

function allureSteps(steps: AllureStep[] = []): AllureStep[] {
  return steps.flatMap((s) => [s, ...allureSteps(s.steps)]);
}

function allureOf(run: InlineRun, name: string): AllureResult | undefined {
  return run.allureResults.find((r) => r.name === name);
}

/** The teardown step `title` as each output shows it: the list line, the JSON step, the Allure step. */
function teardownSeen(run: InlineRun & { json: Map<string, JsonResult> }, journey: string, title: string) {
  const json = jsonSteps(run.json.get(journey)?.steps).find((s) => s.title === title);
  const allure = allureSteps(allureOf(run, journey)?.steps).find((s) => s.name === title);
  const listed = run.output.split('\n').some((line) => line.includes(`› ${journey} ›`) && line.includes(`› Teardown › ${title} (`));
  return { listed, json, allure };
}

test.describe('a server that never answers initialize', () => {
  const servers: RunningServer[] = [];
  test.afterAll(async () => { await Promise.all(servers.splice(0).map((s) => s.stop())); });

  test('ends at the journey timeout, connecting included, naming step, server and attempts in whole ms', async () => {
    const http = await startTestServer({ transport: 'http', script: muteServerPath });
    servers.push(http);
    const sse = await startTestServer({ transport: 'sse', script: muteServerPath });
    servers.push(sse);
    const stdio = testServerCommand('mute', muteServerPath);
    const mcpConfig = { mcpServers: {
      'mute-stdio': { type: 'stdio', ...stdio, tools: ['echo'] },
      'mute-http': { type: 'http', url: http.url, tools: ['echo'] },
      'mute-sse': { type: 'sse', url: sse.url, tools: ['echo'] },
    } };
    // Start-up gives up after 3 s (one attempt); the call then reconnects: 1 s backoff, attempt 2 (4–7 s),
    // 2 s backoff, attempt 3 from 9 s. The journey's time is up at 11.5 s, Playwright's own a second later.
    const session = 'timeout: 11500ms\nsession: { startup_timeout: 3s, reconnect: { attempts: 5, initial_delay: 1s, max_delay: 30s } }\n';
    const files: Record<string, string> = {};
    for (const [i, transport] of ['stdio', 'http', 'sse'].entries()) {
      files[`mute/${transport}.journey.yaml`] = `${head(i + 1, `Mute over ${transport}`, `mute-${transport}`, session)}test_steps:
  - name: Ask the mute ${transport} server
    call: mute-${transport}.echo
    args: { text: hello }
    expect: { result: { $.text: hello } }
  - call: mute-${transport}.echo
    args: { text: again }
    expect: { outcome: unavailable }
`;
    }
    const run = await runWithJson({ files, mcpConfig, args: ['--workers=3', '--retries=0'] });
    expect(run.exitCode, run.output).toBe(1);
    for (const transport of ['stdio', 'http', 'sse']) {
      const result = run.json.get(`Mute over ${transport}`);
      expect(result?.status, run.output).toBe('timedOut');
      const message = result?.errors[0]?.message ?? '';
      expect(message, run.output).toMatch(new RegExp(`^JourneyTimeoutError: Journey timeout of 11500 ms exceeded in step "Ask the mute ${transport} server" \\(running for \\d+ ms\\) on server mute-${transport} after 2 connection attempts, one still connecting \\(last error: `));
      // Whole milliseconds only, and not Playwright's own message.
      expect(message).not.toMatch(/\d\.\d+ ?ms/);
      expect(run.output).not.toContain('Test timeout of');
      expect(result?.duration ?? Infinity).toBeLessThanOrEqual(11_500 + 1000);
      expect(allureOf(run, `Mute over ${transport}`)?.statusDetails?.message ?? '').toContain(`on server mute-${transport} after 2 connection attempts`);
    }
  });

  test('still connecting when the time is up: the connect step is named, teardown shows as skipped', async () => {
    const stdio = testServerCommand('mute', muteServerPath);
    const mcpConfig = { mcpServers: { mute: { type: 'stdio', ...stdio, tools: ['echo'] } } };
    const journey = `${head(4, 'Never connects', 'mute', 'timeout: 4s\nsession: { startup_timeout: 30s }\n')}test_steps:
  - call: mute.echo
    args: { text: hello }
    expect: { result: { $.text: hello } }
  - call: mute.echo
    args: { text: again }
    expect: { outcome: unavailable }
teardown_steps:
  - name: Tidy up
    call: mute.echo
    args: { text: bye }
`;
    const run = await runWithJson({ files: { 'mute/never.journey.yaml': journey }, mcpConfig, args: ['--retries=0'] });
    const result = run.json.get('Never connects');
    expect(result?.status, run.output).toBe('timedOut');
    expect(result?.errors[0]?.message ?? '').toMatch(/^JourneyTimeoutError: Journey timeout of 4000 ms exceeded in step "connect mute" \(running for \d+ ms\) on server mute after 1 connection attempt, one still connecting/);
    expect(result?.duration ?? Infinity).toBeLessThanOrEqual(4000 + 1000);
    const seen = teardownSeen(run, 'Never connects', 'Tidy up');
    expect(seen.listed, run.output).toBe(true);
    // The JSON reporter keeps no step status: the test says why its teardown steps were skipped.
    expect(seen.json).toBeDefined();
    expect(result?.annotations).toContainEqual({ type: 'warning', description: 'teardown steps skipped: the journey ended before its session was open' });
    expect(seen.allure?.status).toBe('skipped');
  });
});

test('teardown steps show with their outcome after a pass, a failure and a journey timeout', async () => {
  const teardown = (ok: boolean) => `teardown_steps:
  - name: Clean up
    call: test.echo
    args: { text: cleaned }
  - name: Clean up more
    call: test.${ok ? 'echo' : 'fail'}
    args: ${ok ? '{ text: again }' : '{ message: boom }'}
`;
  const files = {
    'tidy/pass.journey.yaml': `${head(5, 'Passes', 'test')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.add
    args: { a: 1, b: 1 }
    expect: { result: { $.sum: 2 } }
${teardown(true)}`,
    'tidy/fail.journey.yaml': `${head(6, 'Fails', 'test')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.add
    args: { a: 1, b: 1 }
    expect: { result: { $.sum: 3 } }
${teardown(false)}`,
    'tidy/timeout.journey.yaml': `${head(7, 'Times out', 'test', 'timeout: 5s\n')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: up }
    expect: { result: { $.text: up } }
  - name: Wait forever
    call: test.hang
    timeout: 60s
${teardown(true)}`,
  };
  const run = await runWithJson({ files, mcpConfig: defaultMcpConfig(), args: ['--workers=2', '--retries=0'] });
  expect(run.exitCode, run.output).toBe(1);
  expect(run.json.get('Passes')?.status).toBe('passed');
  expect(run.json.get('Fails')?.status).toBe('failed');
  expect(run.json.get('Times out')?.status).toBe('timedOut');
  expect(run.json.get('Times out')?.errors[0]?.message ?? '').toMatch(/^JourneyTimeoutError: Journey timeout of 5000 ms exceeded in step "Wait forever" \(running for \d+ ms\) on server test, waiting for its answer on an open connection/);
  for (const journey of ['Passes', 'Fails', 'Times out']) {
    const clean = teardownSeen(run, journey, 'Clean up');
    expect(clean.listed, `${journey} in the list output\n${run.output}`).toBe(true);
    expect(clean.json, journey).toBeDefined();
    expect(clean.json?.error, journey).toBeUndefined();
    expect(clean.allure?.status, journey).toBe('passed');
    const more = teardownSeen(run, journey, 'Clean up more');
    expect(more.listed, journey).toBe(true);
    if (journey === 'Fails') {
      expect(more.json?.error?.message, journey).toContain('boom');
      expect(more.allure?.status, journey).toBe('failed');
    } else {
      expect(more.json?.error, journey).toBeUndefined();
      expect(more.allure?.status, journey).toBe('passed');
    }
  }
});

// A terminal's Ctrl-C signals the whole process group; `kill -INT` reaches the runner alone, which stops its workers.
for (const [target, group] of [['the whole run', true], ['the runner alone', false]] as const) test(`teardown steps show with their outcome after SIGINT to ${target}`, async () => {
  const callLog = join(tmpdir(), `mcpj-deadlines-${randomBytes(6).toString('hex')}.calls`);
  try {
    const { command, args } = testServerCommand('test');
    const mcpConfig = { mcpServers: { test: { type: 'stdio', command, args, env: { TEST_SERVER_CALL_LOG: callLog }, tools: ['echo', 'fail', 'hang'] } } };
    const journey = `${head(8, 'Interrupted', 'test')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: up }
    expect: { result: { $.text: up } }
  - call: test.hang
    timeout: 120s
teardown_steps:
  - name: Clean up after Ctrl-C
    call: test.echo
    args: { text: cleaned }
`;
    let runner: number | undefined;
    const pending = runWithJson({ files: { 'tidy/interrupted.journey.yaml': journey }, mcpConfig, onSpawn: (pid) => { runner = pid; } });
    await expect.poll(() => { try { return readFileSync(callLog, 'utf8'); } catch { return ''; } }, { timeout: 120_000, intervals: [50] }).toContain('hang');
    process.kill(group ? -(runner ?? 0) : (runner ?? 0), 'SIGINT');
    const run = await pending;
    expect(run.exitCode, run.output).toBe(130);
    expect(run.json.get('Interrupted')?.status).toBe('interrupted');
    const clean = teardownSeen(run, 'Interrupted', 'Clean up after Ctrl-C');
    expect(clean.listed, run.output).toBe(true);
    expect(clean.json).toBeDefined();
    expect(clean.json?.error).toBeUndefined();
    expect(clean.allure?.status).toBe('passed');
  } finally {
    rmSync(callLog, { force: true });
  }
});

/** Scratch repositories now in the temp dir, by folder name → owner pid. */
function scratchDirs(): Map<string, number> {
  const dirs = new Map<string, number>();
  for (const name of readdirSync(tmpdir())) {
    const match = /^mcpj-scratch-(\d+)-/.exec(name);
    if (match) dirs.set(name, Number(match[1]));
  }
  return dirs;
}

test('a worker killed with SIGKILL leaves its scratch repository; the next run reaps it', async () => {
  const callLog = join(tmpdir(), `mcpj-deadlines-${randomBytes(6).toString('hex')}.calls`);
  try {
    const { command, args } = testServerCommand('test');
    const mcpConfig = { mcpServers: { test: { type: 'stdio', command, args, env: { TEST_SERVER_CALL_LOG: callLog }, tools: ['echo', 'fail', 'hang'] } } };
    const journey = `${head(9, 'Killed with a scratch repository', 'test')}setup_steps:
  - scratch_repo: { from: storefront, save_as: repo }
test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: up }
    expect: { result: { $.text: up } }
  - call: test.hang
    timeout: 120s
`;
    const before = scratchDirs();
    const killed = runJourneys({ files: { 'tidy/killed.journey.yaml': journey }, mcpConfig, args: ['--retries=0'] });
    await expect.poll(() => { try { return readFileSync(callLog, 'utf8'); } catch { return ''; } }, { timeout: 120_000, intervals: [50] }).toContain('hang');
    const created = [...scratchDirs()].filter(([name]) => !before.has(name));
    expect(created).toHaveLength(1);
    const [[left, worker] = ['', 0]] = created;
    process.kill(worker, 'SIGKILL');
    const first = await killed;
    expect(first.exitCode, first.output).toBe(1);
    // Nothing in the killed worker could remove it.
    expect(existsSync(join(tmpdir(), left))).toBe(true);

    const next = await runJourneys({ files: { 'tidy/next.journey.yaml': `${head(10, 'The next run', 'test')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: up }
    expect: { result: { $.text: up } }
` }, mcpConfig, args: ['--retries=0'] });
    expect(next.exitCode, next.output).toBe(0);
    expect(existsSync(join(tmpdir(), left))).toBe(false);
  } finally {
    rmSync(callLog, { force: true });
  }
});
