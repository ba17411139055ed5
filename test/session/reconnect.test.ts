// Reconnection after a lost server: a new client and a new session, with the attempts shown.
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { openSession, type McpConfig } from '../../src/mcp/index.js';
import { FAST, harness, transports } from './harness.js';

for (const transport of transports) {
  test(`${transport}: after a server restart the next call reconnects with a new session`, async () => {
    const h = await harness(transport);
    try {
      expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 1 });
      expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 2 });
      if (transport === 'stdio') {
        // The session owns the stdio process: make it exit under us.
        expect((await h.session.callTool('test', 'crash', {})).kind).toBe('unavailable');
      } else {
        await h.server?.stop('SIGKILL');
        // SSE and streamable HTTP notice a dead stream through onerror alone; wait until the session has.
        await expect.poll(() => h.session.info()[0]?.connected, { timeout: 15_000 }).toBe(false);
        await h.restart();
      }
      const after = await h.session.callTool('test', 'count', {});
      expect(after.kind).toBe('ok');
      expect(after.value).toEqual({ count: 1 });
      expect(after.attempts).toEqual([{ attempt: 1, delayMs: 50, ok: true }]);
      expect(after.totalMs).toBeGreaterThan(after.latencyMs);
      expect(h.session.info()[0]?.connected).toBe(true);
      expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 2 });
    } finally {
      await h.close();
    }
  });
}

for (const transport of ['sse', 'http'] as const) {
  test(`${transport}: "session not found" (404): a new session, and the call is sent once more`, async () => {
    const h = await harness(transport);
    try {
      expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 1 });
      await h.session.callTool('test', 'forget', {});
      // The server never processed the refused call, so it is sent again on a new session (count restarts).
      const again = await h.session.callTool('test', 'count', {});
      expect(again).toMatchObject({ kind: 'ok', value: { count: 1 }, attempts: [{ attempt: 1, ok: true }] });
      expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 2 });
    } finally {
      await h.close();
    }
  });

  test(`${transport}: a server that stays down: bounded attempts with doubling, capped backoff`, async () => {
    const h = await harness(transport, { reconnect: { attempts: 4, initialDelayMs: 40, maxDelayMs: 100 } });
    try {
      await h.server?.stop('SIGKILL');
      await expect.poll(() => h.session.info()[0]?.connected, { timeout: 15_000 }).toBe(false);
      const down = await h.session.callTool('test', 'echo', { text: 'x' });
      expect(down.kind).toBe('unavailable');
      expect(down.attempts.map((a) => [a.attempt, a.delayMs, a.ok])).toEqual([[1, 40, false], [2, 80, false], [3, 100, false], [4, 100, false]]);
      expect(down.attempts[0]?.error).toContain('ECONNREFUSED');
      expect(down.message).toMatch(new RegExp(`^test \\(${transport} http://127\\.0\\.0\\.1:\\d+/(sse|mcp)\\): could not reconnect \\(4 attempts\\): .*ECONNREFUSED`));
      expect(down.latencyMs).toBe(0);
      expect(down.totalMs).toBeGreaterThanOrEqual(320);
      // The server comes back: the next call reconnects.
      await h.restart();
      expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 1 });
    } finally {
      await h.close();
    }
  });
}

for (const transport of ['sse', 'http'] as const) {
  test(`${transport}: a call's timeout covers reconnecting: a server that stays down ends the call at its timeout`, async () => {
    // Five attempts with this backoff take over 4 s; the call has 1 s.
    const h = await harness(transport, { reconnect: { attempts: 5, initialDelayMs: 400, maxDelayMs: 1000 } });
    try {
      await h.server?.stop('SIGKILL');
      await expect.poll(() => h.session.info()[0]?.connected, { timeout: 15_000 }).toBe(false);
      const started = performance.now();
      const down = await h.session.callTool('test', 'echo', { text: 'x' }, { timeoutMs: 1000 });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(down.kind).toBe('unavailable');
      expect(down.message).toMatch(new RegExp(`^test \\(${transport} http://127\\.0\\.0\\.1:\\d+/(sse|mcp)\\): could not reconnect within the call's 1000 ms \\(1 attempt so far\\): .*ECONNREFUSED`));
      expect(down.attempts.map((a) => [a.attempt, a.ok])).toEqual([[1, false]]);
    } finally {
      await h.close();
    }
  });
}

test('stdio: a connection attempt slower than the call\'s timeout ends the call at its timeout, and no process stays', async () => {
  const marker = `mute-stdio-${process.pid}-${Date.now()}`;
  // Starts and never answers initialize, so each attempt would last the whole startup timeout.
  const mute = { command: process.execPath, args: ['-e', `/* ${marker} */ setInterval(() => {}, 1000)`] };
  const config: McpConfig = { source: 'x', servers: { mute: { name: 'mute', type: 'stdio', ...mute } } };
  const session = await openSession(config, ['mute'], { ...FAST, startupTimeoutMs: 3000 });
  try {
    expect(session.failed[0]?.error).toMatch(/could not connect: no answer to initialize within 3000 ms/);
    const started = performance.now();
    const down = await session.callTool('mute', 'echo', { text: 'x' }, { timeoutMs: 800 });
    expect(performance.now() - started).toBeLessThan(1800);
    expect(down.kind).toBe('unavailable');
    expect(down.message).toBe(`mute (stdio ${mute.command} ${mute.args.join(' ')}): could not reconnect within the call's 800 ms (0 attempts so far): no answer to initialize within 3000 ms (MCP_TIMEOUT)`);
  } finally {
    await session.close();
  }
  const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
  expect(left).toEqual([]);
});

test('http: the caller\'s abort ends a call that is waiting for reconnection', async () => {
  const h = await harness('http', { reconnect: { attempts: 5, initialDelayMs: 400, maxDelayMs: 1000 } });
  try {
    await h.server?.stop('SIGKILL');
    await expect.poll(() => h.session.info()[0]?.connected, { timeout: 15_000 }).toBe(false);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const aborted = await h.session.callTool('test', 'echo', { text: 'x' }, { signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(1200);
    expect(aborted).toMatchObject({ kind: 'timeout', message: 'test: tools/call echo was aborted by the caller' });
  } finally {
    await h.close();
  }
});
