// Starting and closing a session: failures stay with the server that failed; close leaves nothing behind.
import { createServer, type Socket } from 'node:net';
import { test, expect } from '@playwright/test';
import getPort from 'get-port';
import pidtree from 'pidtree';
import { claudeCodeProfile, openSession, type McpConfig } from '../../src/mcp/index.js';
import { isAlive, startTestServer, testServerCommand } from '../support/servers/spawn.js';
import { FAST, harness } from './harness.js';

test('a server that cannot connect fails only itself, naming it and its address', async () => {
  const http = await startTestServer({ transport: 'http' });
  const closedPort = await getPort();
  const config: McpConfig = {
    source: 'test.mcp.json',
    servers: {
      good: { name: 'good', type: 'http', url: http.url },
      refused: { name: 'refused', type: 'sse', url: `http://127.0.0.1:${closedPort}/sse` },
      missing: { name: 'missing', type: 'stdio', command: '/nonexistent/mcp-server', args: ['--stdio'] },
    },
  };
  const session = await openSession(config, ['good', 'refused', 'missing', 'unconfigured'], FAST);
  try {
    const failed = Object.fromEntries(session.failed.map((s) => [s.name, s.error]));
    expect(Object.keys(failed).sort()).toEqual(['missing', 'refused', 'unconfigured']);
    expect(failed['refused']).toMatch(new RegExp(`^refused \\(sse http://127\\.0\\.0\\.1:${closedPort}/sse\\) could not connect: .*ECONNREFUSED`));
    expect(failed['missing']).toMatch(/^missing \(stdio \/nonexistent\/mcp-server --stdio\) could not connect: .*ENOENT/);
    expect(failed['unconfigured']).toBe('unconfigured is not configured in test.mcp.json (configured: good, refused, missing)');
    expect((await session.callTool('good', 'echo', { text: 'still here' })).value).toEqual({ text: 'still here' });
    const refused = await session.callTool('refused', 'echo', { text: 'x' });
    expect(refused.kind).toBe('unavailable');
    expect(refused.attempts).toHaveLength(FAST.reconnect.attempts);
  } finally {
    await session.close();
    await http.stop();
  }
});

test('a server that accepts the connection but never answers fails at the startup timeout', async () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => { sockets.add(socket); });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as { port: number }).port;
  const config: McpConfig = { source: 'x', servers: { mute: { name: 'mute', type: 'http', url: `http://127.0.0.1:${port}/mcp` } } };
  const session = await openSession(config, ['mute'], { ...FAST, startupTimeoutMs: 400 });
  try {
    expect(session.failed[0]?.error).toBe(`mute (http http://127.0.0.1:${port}/mcp) could not connect: no answer to initialize within 400 ms (MCP_TIMEOUT)`);
  } finally {
    await session.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test('the client introduces itself as claude-code', () => {
  const { clientInfo } = claudeCodeProfile();
  expect(clientInfo.name).toBe('claude-code');
  expect(clientInfo.version).toMatch(/^\d+\.\d+\.\d+\+mcp-journeys$/);
});

test('close() ends the stdio server and all its children, and a hung call with it', async () => {
  const config: McpConfig = { source: 'x', servers: { s: { name: 's', type: 'stdio', ...testServerCommand('closing') } } };
  const session = await openSession(config, ['s'], FAST);
  const info = await session.readResource('s', 'test://info');
  const pid = (info.value as { pid: number }).pid;
  const tree = [pid, ...(await pidtree(pid))];
  expect(tree.every(isAlive)).toBe(true);
  const hung = session.callTool('s', 'hang', {});
  await session.close();
  const outcome = await hung;
  expect(outcome.kind).toBe('unavailable');
  expect(outcome.message).toContain('the session was closed');
  expect(tree.filter(isAlive)).toEqual([]);
  await session.close();
  const after = await session.callTool('s', 'echo', { text: 'x' });
  expect(after.kind).toBe('unavailable');
});

test('close() on sse and http sessions returns and leaves the servers running for others', async () => {
  for (const transport of ['sse', 'http'] as const) {
    const h = await harness(transport);
    const pending = h.session.callTool('test', 'hang', {});
    await h.session.close();
    expect((await pending).kind).toBe('unavailable');
    expect(isAlive(h.server?.pid ?? -1)).toBe(true);
    await h.close();
    expect(isAlive(h.server?.pid ?? -1)).toBe(false);
  }
});
