// Sending a call ahead (src/worker/lookahead.ts), end to end: only after the step before it passed, with what
// that step saved, and reported as its own step (when it must wait: test/unit/runLookahead.test.ts).
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { defaultMcpConfig, runJourneys } from '../support/inline.js';
import type { AllureStep } from '../support/inline.js';
import { testServerCommand } from '../support/servers/spawn.js';

const TOOLS = (defaultMcpConfig() as { mcpServers: { test: { tools: string[] } } }).mcpServers.test.tools;

const head = (n: number, name: string) => `test_id: 7a2d4c1e-3b5f-4e6a-8c9d-1f2e3a4b5c${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [test]
`;

/** The test server over stdio, logging the name of every tool call it receives. */
function loggedServer(): { mcpConfig: unknown; calls: () => string[]; remove: () => void } {
  const log = join(tmpdir(), `lookahead-${randomBytes(6).toString('hex')}.calls`);
  const { command, args } = testServerCommand('test');
  return {
    mcpConfig: { mcpServers: { test: { type: 'stdio', command, args, env: { TEST_SERVER_CALL_LOG: log }, tools: TOOLS } } },
    calls: () => { try { return readFileSync(log, 'utf8').split('\n').filter(Boolean); } catch { return []; } },
    remove: () => rmSync(log, { force: true }),
  };
}

test('the next call is not sent when the step before it fails its checks', async () => {
  const server = loggedServer();
  try {
    const journey = `${head(1, 'Stops at the first wrong result')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: one }
    expect: { result: { $.text: two } }
  - call: test.add
    args: { a: 1, b: 2 }
`;
    const run = await runJourneys({ files: { 'kinds/stops.journey.yaml': journey }, mcpConfig: server.mcpConfig });
    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('stops.journey.yaml:11:25');
    expect(server.calls()).toEqual(['fail', 'echo']);
  } finally {
    server.remove();
  }
});

test('a call sent ahead uses what the step before it saved and is reported as its own step', async () => {
  const server = loggedServer();
  try {
    const journey = `${head(2, 'Saves, then uses it')}test_steps:
  - call: test.fail
    expect: { error: failed }
  - call: test.echo
    args: { text: first }
    save: { said: $.text }
  - call: test.echo
    args: { text: "\${said} and second" }
    expect: { result: { $.text: first and second }, latency_ms: { max: 5000 } }
  - call: test.add
    args: { a: 2, b: 3 }
    expect: { result: { $.sum: 5 } }
`;
    const run = await runJourneys({ files: { 'kinds/saves.journey.yaml': journey }, mcpConfig: server.mcpConfig });
    expect(run.exitCode, run.output).toBe(0);
    expect(server.calls()).toEqual(['fail', 'echo', 'echo', 'add']);
    const group = run.allureResults[0]?.steps.find((s) => s.name === 'Test steps')?.steps ?? [];
    const titles = group.map((s: AllureStep) => s.name);
    expect(titles).toEqual(['call test.fail', 'call test.echo', 'call test.echo', 'call test.add']);
    const second = group[2];
    expect(second?.status).toBe('passed');
    const latency = Number(second?.parameters?.find((p) => p.name === 'latency_ms')?.value);
    expect(latency).toBeGreaterThan(0);
    expect(second?.parameters?.find((p) => p.name === 'budget_ms')?.value).toBe('5000');
  } finally {
    server.remove();
  }
});
