// Server control: stop / start / restart / kill keep the port, extra instances report how they ended,
// misbehaving servers are still taken down whole, and start-up failures say what happened.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { isAlive } from '../../src/process/alive.js';
import { projectRoot, startStack, type StackOptions } from '../../src/servers/startStack.js';
import { footprint, nothing, ownedBy, portOpen, remaining } from './support/leftovers.js';

test.setTimeout(120_000);

const standIn = path.join(projectRoot, 'test/stack/support/standIn.ts');
const standIns: StackOptions['entries'] = {
  'codebase-mcp': { entry: standIn, args: ['--name', 'codebase-mcp'] },
  'workflow-mcp': { entry: standIn, args: ['--name', 'workflow-mcp'] },
};

async function healthy(url: string): Promise<boolean> {
  const res = await fetch(`${url}/health`).catch(() => undefined);
  return res?.status === 200;
}

test('stop, start, restart and kill keep the server on its port', async () => {
  const stack = await startStack();
  try {
    const server = stack.server('codebase-mcp');
    const { port, url } = server;
    const firstPid = server.pid;

    await server.stop();
    expect([server.running, server.pid, await portOpen(port)]).toEqual([false, undefined, false]);
    expect(isAlive(firstPid ?? 0)).toBe(false);
    await server.stop();

    await server.start();
    expect([server.running, server.port, server.url, await healthy(url)]).toEqual([true, port, url, true]);
    const secondPid = server.pid;
    expect(secondPid).not.toBe(firstPid);

    await server.restart();
    expect([server.port, await healthy(url)]).toEqual([port, true]);
    expect(server.pid).not.toBe(secondPid);
    expect(isAlive(secondPid ?? 0)).toBe(false);

    await server.kill();
    expect([server.running, await portOpen(port)]).toEqual([false, false]);
    await server.start();
    expect(await healthy(url)).toBe(true);
    // The other server was never touched.
    expect(await healthy(stack.server('workflow-mcp').url)).toBe(true);
  } finally {
    await stack.stop();
  }
});

test('startExtra into a port in use reports exit 1 and the port-in-use line', async () => {
  const stack = await startStack();
  try {
    const server = stack.server('workflow-mcp');
    const result = await server.startExtra({});
    expect(result).toMatchObject({ exitCode: 1, signal: null, ready: false });
    expect(result.stderr).toContain(`ERROR: Address already in use (port ${server.port}).`);
    expect(result.stderr).toContain('WORKFLOW_MCP_PORT');
    expect(await healthy(server.url)).toBe(true);
  } finally {
    await stack.stop();
  }
});

test('startExtra on a free port reports ready, then stops the instance', async () => {
  const stack = await startStack({ entries: standIns });
  try {
    const result = await stack.server('codebase-mcp').startExtra({ port: 0 });
    expect(result).toMatchObject({ ready: true, exitCode: 0 });
    expect(result.stderr).toContain('"event":"listening"');
  } finally {
    await stack.stop();
  }
});

test('a server that ignores SIGTERM is killed after the grace period, with its children', async () => {
  const stack = await startStack({
    entries: standIns, stopGraceMs: 500,
    serverEnv: { 'codebase-mcp': { STAND_IN_IGNORE_SIGTERM: '1', STAND_IN_CHILD: '1' } },
  });
  try {
    const server = stack.server('codebase-mcp');
    const { grandchild } = await (await fetch(`${server.url}/health`)).json() as { grandchild: number };
    expect(isAlive(grandchild)).toBe(true);
    const before = await footprint(stack);
    expect(before.pids).toContain(grandchild);
    await server.stop();
    expect(server.stderr().join('\n')).toContain('sigterm_ignored');
    await stack.stop();
    expect(await remaining(before)).toEqual(nothing);
  } finally {
    await stack.stop();
  }
});

for (const launch of ['bundle', 'tsx'] as const) {
  test(`a server that crashes at start-up fails the stack with its name, command and output (${launch})`, async () => {
    const failure = await startStack({ launch, entries: standIns, serverEnv: { 'codebase-mcp': { STAND_IN_CRASH: '1' } } })
      .then(() => 'started', (e: unknown) => (e instanceof Error ? e.message : String(e)));
    expect(failure).toContain('codebase-mcp exited (code 3) before it was ready.');
    expect(failure).toContain(launch === 'tsx'
      ? 'command: node --import tsx test/stack/support/standIn.ts --name codebase-mcp\n'
      : ' --name codebase-mcp (bundle of test/stack/support/standIn.ts)\n');
    expect(failure).toContain('stand-in: crashing on purpose');
    expect(await ownedBy(process.pid)).toEqual([]);
  });
}

test('a server that never gets ready fails the stack at the start-up deadline', async () => {
  // Generous enough for a loaded machine to start the healthy stand-in within it.
  const failure = await startStack({ entries: standIns, startTimeoutMs: 15_000, serverEnv: { 'workflow-mcp': { STAND_IN_NEVER_READY: '1' } } })
    .then(() => 'started', (e: unknown) => (e instanceof Error ? e.message : String(e)));
  expect(failure).toMatch(/^workflow-mcp was not ready after \d+ ms\./);
  expect(failure).not.toContain('codebase-mcp was not ready');
  expect(failure).toContain('"event":"listening"');
  expect(await ownedBy(process.pid)).toEqual([]);
});

test('stopping the stack also ends an extra instance that is still starting', async () => {
  const stack = await startStack({ entries: standIns });
  const timeoutMs = 100_000;
  const extra = stack.server('codebase-mcp').startExtra({ port: 0, env: { STAND_IN_NEVER_READY: '1' }, timeoutMs });
  // The extra is spawned before startExtra first awaits, so stop() finds it whatever its progress.
  await stack.stop();
  const result = await extra;
  expect(result).toMatchObject({ ready: false, signal: 'SIGKILL' });
  // Ended by the stop, not by its own deadline.
  expect(result.elapsedMs).toBeLessThan(timeoutMs);
  expect(await ownedBy(process.pid)).toEqual([]);
});
