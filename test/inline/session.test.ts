// The session end to end, through whole journeys against the purpose-built test server: every outcome
// kind, reconnection after a restart (stdio, SSE, streamable HTTP), a hung server, a 10 MB result, and
// teardown after a failure and after Ctrl-C with no process left behind.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, expect } from '@playwright/test';
import { classifyMessage } from '../../src/report/categories.js';
import { defaultMcpConfig, runJourneys } from '../support/inline.js';
import type { AllureResult, AllureStep } from '../support/inline.js';
import { isAlive, startTestServer, testServerCommand } from '../support/servers/spawn.js';
import type { RunningServer } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

const TOOLS = (defaultMcpConfig() as { mcpServers: { test: { tools: string[] } } }).mcpServers.test.tools;

const head = (n: number, name: string, extra = '') => `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3c${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [test]
${extra}`;

function steps(result: AllureResult | undefined): AllureStep[] {
  const all: AllureStep[] = [];
  const walk = (list: AllureStep[]) => { for (const s of list) { all.push(s); walk(s.steps); } };
  walk(result?.steps ?? []);
  return all;
}

function param(step: AllureStep | undefined, name: string): string | undefined {
  return step?.parameters?.find((p) => p.name === name)?.value;
}

/** Pids of live processes whose command line contains `marker`. */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return pids;
}

const callLogs: string[] = [];
test.afterEach(() => { for (const file of callLogs.splice(0)) rmSync(file, { force: true }); });

/** A stdio server whose command line carries a marker, so whatever it leaves running can be found, and
 * which logs the name of every call it receives. */
function markedConfig(): { config: unknown; marker: string; callLog: string } {
  const marker = `orphan-check-${randomBytes(6).toString('hex')}`;
  const callLog = join(tmpdir(), `${marker}.calls`);
  callLogs.push(callLog);
  const { command, args } = testServerCommand(marker);
  return { marker, callLog, config: { mcpServers: { test: { type: 'stdio', command, args, env: { TEST_SERVER_CALL_LOG: callLog }, tools: TOOLS } } } };
}

function callsLogged(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const outcomes = `${head(1, 'Every outcome, a restart and a capped result', 'session: { max_output_tokens: 25000, reconnect: { attempts: 5, initial_delay: 100ms, max_delay: 1s } }\n')}test_steps:
  - call: test.count
    expect: { result: { $.count: 1 } }
  - call: test.fail
    expect: { error: failed }
  - call: test.hang
    timeout: 500ms
    expect: { timeout: true }
  - call: test.bad
    args: { mode: jsonrpc }
    expect: { protocol_error: deliberate JSON-RPC error }
  - name: The server dies mid-call
    call: test.crash
    expect: { outcome: unavailable }
  - name: After the restart
    call: test.count
    expect: { result: { $.count: 1 } }
  - name: One megabyte
    call: test.big
    args: { bytes: 1048576 }
    expect: { outcome: ok }
  - name: Fifty megabytes
    call: test.big
    args: { bytes: 52428800 }
    expect: { outcome: tool_error }
`;

test('stdio: ok, tool error, timeout, protocol error, unavailable; a new process and session after it died; 1 MB capped, 50 MB refused', async () => {
  const run = await runJourneys({ files: { 'session/outcomes.journey.yaml': outcomes } });
  expect(run.exitCode, run.output).toBe(0);
  const all = steps(run.allureResults[0]);
  const outcomeOf = (name: string) => param(all.find((s) => s.name === name), 'outcome');
  expect.soft(['call test.count', 'call test.fail', 'call test.hang', 'call test.bad', 'The server dies mid-call', 'After the restart'].map(outcomeOf))
    .toEqual(['ok', 'tool_error', 'timeout', 'protocol_error', 'unavailable', 'ok']);
  expect.soft(param(all.find((s) => s.name === 'After the restart'), 'attempts'), 'reconnect attempts shown').toBeUndefined();
  // The cap: the step passes on what was kept, and the test says what was cut and why.
  expect.soft(outcomeOf('One megabyte')).toBe('ok');
  const big = all.find((s) => s.name === 'One megabyte');
  expect.soft(param(big, 'warning'), 'the cut, on the step in Allure').toBe('test: tools/call big returned about 262,144 tokens, over the output cap of 25,000 (MAX_MCP_OUTPUT_TOKENS); the result was cut to the cap');
  const source = big?.attachments?.find((a) => a.name === 'response')?.source;
  const response = JSON.parse(run.allureFiles[source ?? ''] ?? 'null') as { message?: string; truncated?: unknown; result?: { content?: { text?: string }[] } } | null;
  expect.soft(response?.message).toBe('test: tools/call big returned about 262,144 tokens, over the output cap of 25,000 (MAX_MCP_OUTPUT_TOKENS); the result was cut to the cap');
  expect.soft(response?.truncated).toEqual({ originalTokens: 262_144, limitTokens: 25_000 });
  expect.soft(response?.result?.content?.[0]?.text?.length, 'the attachment holds what was kept').toBe(100_000);
  // Past the wire limit the reply is not read at all: the tool's failure, as Claude Code reports it.
  expect.soft(outcomeOf('Fifty megabytes')).toBe('tool_error');
});

for (const transport of ['http', 'sse'] as const) {
  test(`${transport}: the server restarts under a journey; the next call reconnects with a new session`, async () => {
    let server: RunningServer | undefined = await startTestServer({ transport });
    const { port, url } = server;
    let running = true;
    let restarts = 0;
    // Plays the operator who restarts a crashed server on the same port.
    const watcher = (async () => {
      while (running) {
        if (server && !isAlive(server.pid)) {
          server = undefined;
          server = await startTestServer({ transport, port });
          restarts += 1;
        }
        await sleep(50);
      }
    })();
    const journey = `${head(transport === 'http' ? 2 : 3, `Restart over ${transport}`, 'session: { reconnect: { attempts: 8, initial_delay: 250ms, max_delay: 2s } }\n')}test_steps:
  - call: test.count
    expect: { result: { $.count: 1 } }
  - call: test.count
    expect: { result: { $.count: 2 } }
  - name: The server dies mid-call
    call: test.crash
    expect: { outcome: unavailable }
  - name: After the restart
    call: test.count
    expect: { result: { $.count: 1 } }
`;
    try {
      const run = await runJourneys({
        files: { 'session/restart.journey.yaml': journey },
        mcpConfig: { mcpServers: { test: { type: transport, url, tools: TOOLS } } },
      });
      expect(run.exitCode, run.output).toBe(0);
      expect(restarts).toBe(1);
      const after = steps(run.allureResults[0]).find((s) => s.name === 'After the restart');
      expect(param(after, 'outcome')).toBe('ok');
    } finally {
      running = false;
      await watcher;
      await server?.stop();
    }
  });
}

test('a hung server: the call fails at its timeout (MCP_TOOL_TIMEOUT), as a timeout, and the run ends', async () => {
  const { config, marker } = markedConfig();
  const hung = `${head(4, 'A call that never returns')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: up }
    expect: { result: { $.text: up } }
  - call: test.hang
  - name: Never reached
    call: test.echo
    args: { text: never reached }
`;
  const run = await runJourneys({ files: { 'session/hung.journey.yaml': hung }, mcpConfig: config, env: { MCP_TOOL_TIMEOUT: '1500' } });
  expect(run.exitCode, run.output).toBe(1);
  const [result] = run.allureResults;
  expect(result?.status).toBe('failed');
  expect(classifyMessage(result?.statusDetails?.message ?? '')?.name, result?.statusDetails?.message).toBe('Timeout');
  const hang = steps(result).find((s) => s.name === 'call test.hang');
  expect(param(hang, 'outcome')).toBe('timeout');
  expect(Number(param(hang, 'latency_ms'))).toBeGreaterThanOrEqual(1400);
  expect(steps(result).find((s) => s.name === 'Never reached')).toBeUndefined();
  expect(processesWith(marker)).toEqual([]);
});

test('teardown runs after a failure and the server process is gone afterwards', async () => {
  const { config, marker } = markedConfig();
  const failing = `${head(5, 'Fails, then cleans up')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.add
    args: { a: 1, b: 1 }
    expect: { result: { $.sum: 3 } }
teardown_steps:
  - name: Clean up
    call: test.echo
    args: { text: cleaned }
`;
  const run = await runJourneys({ files: { 'session/failing.journey.yaml': failing }, mcpConfig: config });
  expect(run.exitCode, run.output).toBe(1);
  const clean = steps(run.allureResults[0]).find((s) => s.name === 'Clean up');
  expect(clean?.status).toBe('passed');
  expect(processesWith(marker)).toEqual([]);
});

test('Ctrl-C (SIGINT to the whole run) mid-call: teardown runs, the run ends, no process is left', async () => {
  const { config, marker, callLog } = markedConfig();
  const interrupted = `${head(6, 'Interrupted while waiting')}test_steps:
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
  const run = runJourneys({ files: { 'session/interrupted.journey.yaml': interrupted }, mcpConfig: config, onSpawn: (pid) => { runner = pid; } });
  // Ctrl-C once the hanging call has reached the server: the group gets SIGINT, as from a terminal.
  await expect.poll(() => callsLogged(callLog), { timeout: 120_000, intervals: [50] }).toContain('hang');
  process.kill(-(runner ?? 0), 'SIGINT');
  const done = await run;
  expect(done.exitCode, done.output).toBe(130);
  expect(done.output).toContain('1 interrupted');
  const clean = steps(done.allureResults[0]).find((s) => s.name === 'Clean up after Ctrl-C');
  expect(clean?.status, JSON.stringify(clean)).toBe('passed');
  expect(callsLogged(callLog).slice(-2)).toEqual(['hang', 'echo']);
  expect(done.runRecords[0]).toMatchObject({ last_run_status: 'failed' });
  await expect.poll(() => processesWith(marker), { timeout: 10_000 }).toEqual([]);
});
