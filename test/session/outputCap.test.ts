// The output cap bounds what is read: a reply far over it fails as soon as the wire limit is passed, on
// every transport (direct stdio, stdio through the relay, SSE, streamable HTTP), and the next call gets a
// fresh connection. Replies the cap can still cut in memory are cut as before (outcomes.test.ts).
import { test, expect } from '@playwright/test';
import { openSession, type McpConfig, type OpenedSession } from '../../src/mcp/index.js';
import { StdioHost } from '../../src/servers/stdioHost.js';
import { testServerCommand } from '../support/servers/spawn.js';
import { FAST, harness } from './harness.js';

const BUDGET_MS = 15_000;
const HUGE = 50 * 1024 * 1024;
// 25,000 tokens × 4 characters × 16 (wireCap.ts).
const CAP_MESSAGE = 'test: tools/call big returned more than 1,600,000 bytes, far over the output cap of 25,000 tokens (MAX_MCP_OUTPUT_TOKENS); the rest was not read';

async function overCapThenHealthy(session: OpenedSession): Promise<void> {
  const huge = await session.callTool('test', 'big', { bytes: HUGE }, { timeoutMs: BUDGET_MS });
  expect(huge.kind).toBe('tool_error');
  expect(huge.message).toBe(CAP_MESSAGE);
  expect(huge.value).toBe(CAP_MESSAGE);
  expect(huge.totalMs).toBeLessThan(BUDGET_MS + 1000);
  // The rest of that reply was never read, so the connection was given up; the next call reconnects.
  expect(session.info()[0]?.connected).toBe(false);
  const after = await session.callTool('test', 'echo', { text: 'after' }, { timeoutMs: BUDGET_MS });
  expect(after).toMatchObject({ kind: 'ok', value: { text: 'after' } });
  expect(after.attempts.length).toBeGreaterThanOrEqual(1);
}

for (const transport of ['stdio', 'sse', 'http'] as const) {
  test(`${transport}: a 50 MB result fails with the cap message within its budget, and the session goes on`, async () => {
    const h = await harness(transport, { maxOutputTokens: 25_000 });
    try {
      await overCapThenHealthy(h.session);
    } finally {
      await h.close();
    }
  });
}

test('stdio through the relay (as in a worker): a 50 MB result fails with the cap message, and the session goes on', async () => {
  const host = new StdioHost({ name: 'test', ...testServerCommand('test-server'), env: {}, stopGraceMs: 2000 });
  const address = await host.listen();
  const config: McpConfig = { source: 'test/session/outputCap.test.ts', servers: { test: { name: 'test', type: 'stdio', ...testServerCommand(), relay: { host: address.host, port: address.port } } } };
  const session = await openSession(config, ['test'], { ...FAST, maxOutputTokens: 25_000 });
  try {
    await overCapThenHealthy(session);
  } finally {
    await session.close();
    await host.close();
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
