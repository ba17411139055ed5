// Notifications a server sends on its own, as the session records them: a call's progress (it sends a
// progressToken), log messages and list_changed during a request, and a notification waited for after
// the call that caused it has answered. Over stdio and streamable HTTP (SSE replies, and JSON replies,
// where only the standalone GET stream carries notifications).
import { test, expect } from '@playwright/test';
import { openSession, type McpConfig, type OpenedSession, type ServerEntry } from '../../src/mcp/index.js';
import { notifyServerPath, startTestServer, testServerCommand, type RunningServer } from '../support/servers/spawn.js';
import { FAST } from './harness.js';

type Variant = 'stdio' | 'http' | 'http-json';

async function open(variant: Variant): Promise<{ session: OpenedSession; close: () => Promise<void> }> {
  let server: RunningServer | undefined;
  let entry: ServerEntry;
  if (variant === 'stdio') entry = { name: 'notify', type: 'stdio', ...testServerCommand('notify', notifyServerPath) };
  else {
    server = await startTestServer({ transport: 'http', script: notifyServerPath, jsonResponse: variant === 'http-json' });
    entry = { name: 'notify', type: 'http', url: server.url };
  }
  const config: McpConfig = { source: 'test/session/notifications.test.ts', servers: { notify: entry } };
  const session = await openSession(config, ['notify'], FAST);
  return { session, close: async () => { await session.close(); await server?.stop(); } };
}

for (const variant of ['stdio', 'http'] as const) {
  test.describe(variant, () => {
    test('a call sends a progressToken and gets its progress and log messages, in order', async () => {
      const { session, close } = await open(variant);
      try {
        const outcome = await session.callTool('notify', 'work', { steps: 3, log: 'indexing' });
        expect(outcome.kind).toBe('ok');
        expect(outcome.value).toMatchObject({ steps: 3, token: expect.anything() });
        const methods = (outcome.notifications ?? []).map((n) => n.method);
        expect(methods).toEqual(Array.from({ length: 3 }, () => ['notifications/progress', 'notifications/message']).flat());
        expect(outcome.notifications?.[0]?.params).toEqual({ progress: 1, total: 3, message: 'step 1 of 3' });
        expect(outcome.notifications?.[5]?.params).toEqual({ level: 'info', logger: 'work', data: 'indexing 3' });
        // The next call hears none of them again.
        const quiet = await session.callTool('notify', 'cancellations', {});
        expect(quiet.notifications).toBeUndefined();
      } finally {
        await close();
      }
    });

    test('parallel calls each get their own progress', async () => {
      const { session, close } = await open(variant);
      try {
        const [a, b] = await Promise.all([
          session.callTool('notify', 'work', { steps: 2, delay: 30 }),
          session.callTool('notify', 'work', { steps: 4, delay: 10 }),
        ]);
        const progress = (o: typeof a) => (o.notifications ?? []).filter((n) => n.method === 'notifications/progress').map((n) => n.params['total']);
        expect(progress(a)).toEqual([2, 2]);
        expect(progress(b)).toEqual([4, 4, 4, 4]);
      } finally {
        await close();
      }
    });

    test('list_changed and resources/updated during a call; a read hears its own log message', async () => {
      const { session, close } = await open(variant);
      try {
        const touched = await session.callTool('notify', 'touch', { uri: 'notify://x' });
        expect(touched.notifications?.map((n) => [n.method, n.params])).toEqual([
          ['notifications/tools/list_changed', {}],
          ['notifications/resources/list_changed', {}],
          ['notifications/resources/updated', { uri: 'notify://x' }],
        ]);
        const read = await session.readResource('notify', 'notify://state');
        expect(read.notifications?.map((n) => n.params)).toEqual([{ level: 'debug', logger: 'resources', data: 'read notify://state' }]);
      } finally {
        await close();
      }
    });
  });
}

for (const variant of ['stdio', 'http', 'http-json'] as const) {
  test(`${variant}: a notification sent after the call answered can be waited for, and a wait ends at its timeout`, async () => {
    const { session, close } = await open(variant);
    try {
      const since = performance.now();
      const later = await session.callTool('notify', 'later', { ms: 150, uri: 'notify://late' });
      expect(later.notifications).toBeUndefined();
      const updated = (n: { method: string; params: Record<string, unknown> }) => n.method === 'notifications/resources/updated' && n.params['uri'] === 'notify://late';
      const waited = await session.waitForNotification('notify', updated, { since, timeoutMs: 10_000 });
      expect(waited.found).toMatchObject({ method: 'notifications/resources/updated', params: { uri: 'notify://late' } });
      // A notification that came before the wait began still counts when it is in the window.
      const again = await session.waitForNotification('notify', updated, { since, timeoutMs: 0 });
      expect(again.found).toBeDefined();
      const none = await session.waitForNotification('notify', (n) => n.method === 'notifications/prompts/list_changed', { since, timeoutMs: 100 });
      expect(none).toEqual({ seen: [expect.objectContaining({ method: 'notifications/resources/updated' })] });
    } finally {
      await close();
    }
  });
}

for (const variant of ['stdio', 'http'] as const) {
  test(`${variant}: cancel_after cancels a call in flight with notifications/cancelled, as Esc does; an answer in time is not cancelled`, async () => {
    const { session, close } = await open(variant);
    try {
      const cancelled = await session.callTool('notify', 'slow', { ms: 10_000 }, { cancelAfterMs: 200 });
      expect(cancelled.kind).toBe('cancelled');
      expect(cancelled.message).toBe('notify: tools/call slow was cancelled after 200 ms (notifications/cancelled sent, as on Esc in Claude Code)');
      expect(cancelled.latencyMs).toBeGreaterThanOrEqual(190);
      const told = await session.callTool('notify', 'cancellations', {});
      expect(told.value).toEqual({ count: 1, reason: 'cancelled by the user after 200 ms' });
      const quick = await session.callTool('notify', 'slow', { ms: 10 }, { cancelAfterMs: 5000 });
      expect(quick.kind).toBe('ok');
      expect((await session.callTool('notify', 'cancellations', {})).value).toMatchObject({ count: 1 });
    } finally {
      await close();
    }
  });
}
