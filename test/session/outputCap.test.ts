// The output cap bounds what is read: a reply far over it fails as soon as the wire limit is passed, on
// every transport (direct stdio, stdio through the relay, SSE, streamable HTTP). On a shared stream (stdio,
// SSE) nothing after the unread rest can be framed, so the next call gets a fresh connection; an HTTP
// POST's response is cut alone and the session goes on. Replies the cap can still cut in memory are cut
// as before (outcomes.test.ts).
import { test, expect } from '@playwright/test';
import { openSession, type McpConfig, type OpenedSession } from '../../src/mcp/index.js';
import { StdioHost } from '../../src/servers/stdioHost.js';
import { startTestServer, testServerCommand } from '../support/servers/spawn.js';
import { FAST, harness } from './harness.js';

const BUDGET_MS = 15_000;
const HUGE = 50 * 1024 * 1024;
// 25,000 tokens × 4 characters × 16 (wireCap.ts).
const CAP_MESSAGE = 'test: tools/call big returned more than 1,600,000 bytes, far over the output cap of 25,000 tokens (MAX_MCP_OUTPUT_TOKENS); the rest was not read';

async function overCapThenHealthy(session: OpenedSession, keepsSession: boolean): Promise<void> {
  expect((await session.callTool('test', 'count', {})).value).toEqual({ count: 1 });
  const huge = await session.callTool('test', 'big', { bytes: HUGE }, { timeoutMs: BUDGET_MS });
  expect(huge.kind).toBe('tool_error');
  expect(huge.message).toBe(CAP_MESSAGE);
  expect(huge.value).toBe(CAP_MESSAGE);
  expect(huge.totalMs).toBeLessThan(BUDGET_MS + 1000);
  expect(session.info()[0]?.connected).toBe(keepsSession);
  const after = await session.callTool('test', 'count', {}, { timeoutMs: BUDGET_MS });
  // A new session counts from 1 again.
  expect(after).toMatchObject({ kind: 'ok', value: { count: keepsSession ? 2 : 1 } });
  expect(after.attempts.length > 0).toBe(!keepsSession);
}

for (const transport of ['stdio', 'sse', 'http'] as const) {
  const keepsSession = transport === 'http';
  test(`${transport}: a 50 MB result fails with the cap message within its budget; then ${keepsSession ? 'the same session goes on' : 'a new connection'}`, async () => {
    const h = await harness(transport, { maxOutputTokens: 25_000 });
    try {
      await overCapThenHealthy(h.session, keepsSession);
    } finally {
      await h.close();
    }
  });
}

test('stdio through the relay (as in a worker): a 50 MB result fails with the cap message; then a new connection', async () => {
  const host = new StdioHost({ name: 'test', ...testServerCommand('test-server'), env: {}, stopGraceMs: 2000 });
  const address = await host.listen();
  const config: McpConfig = { source: 'test/session/outputCap.test.ts', servers: { test: { name: 'test', type: 'stdio', ...testServerCommand(), relay: { host: address.host, port: address.port } } } };
  const session = await openSession(config, ['test'], { ...FAST, maxOutputTokens: 25_000 });
  try {
    await overCapThenHealthy(session, false);
  } finally {
    await session.close();
    await host.close();
  }
});

test('http answering in application/json: the body is cut at the limit and the same session goes on', async () => {
  const server = await startTestServer({ transport: 'http', jsonResponse: true });
  const config: McpConfig = { source: 'test/session/outputCap.test.ts', servers: { test: { name: 'test', type: 'http', url: server.url } } };
  const session = await openSession(config, ['test'], { ...FAST, maxOutputTokens: 25_000 });
  try {
    await overCapThenHealthy(session, true);
  } finally {
    await session.close();
    await server.stop();
  }
});

test('http: only the oversized call fails; a call in flight beside it on the same session gets its answer', async () => {
  const h = await harness('http', { maxOutputTokens: 25_000 });
  try {
    const [slow, huge] = await Promise.all([
      h.session.callTool('test', 'slow', { ms: 1500 }),
      h.session.callTool('test', 'big', { bytes: HUGE }),
    ]);
    expect(huge.message).toBe(CAP_MESSAGE);
    expect(slow).toMatchObject({ kind: 'ok', value: 'slept 1500 ms' });
  } finally {
    await h.close();
  }
});

test('a result the cap can still cut in memory is read whole and cut, not refused', async () => {
  const h = await harness('stdio', { maxOutputTokens: 25_000 });
  try {
    const big = await h.session.callTool('test', 'big', { bytes: 1_500_000 });
    expect(big.kind).toBe('ok');
    expect(big.truncated).toEqual({ originalTokens: 375_000, limitTokens: 25_000 });
  } finally {
    await h.close();
  }
});
