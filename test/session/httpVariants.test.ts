// Streamable HTTP as servers may legally speak it (variantServer.ts): with or without a session id, the
// optional standalone GET stream kept open or refused (404 or 405), replies as JSON or as an event stream,
// notifications acknowledged with 202 or a 200 without JSON. Each variant serves calls on one session,
// with no reconnect; a 404 to a request that carried a session id still means the session is gone.
import { expect, test } from '@playwright/test';
import { openSession, type OpenedSession } from '../../src/mcp/index.js';
import { startTestServer, type RunningServer } from '../support/servers/spawn.js';
import { FAST } from './harness.js';

const variantServer = new URL('../support/servers/variantServer.ts', import.meta.url).pathname;

interface Variant { stateless: boolean; get: 'sse' | '404' | '405'; reply: 'json' | 'sse'; ack: '202' | '200-empty' | '200-text' | '200-json' }

const variants: Variant[] = [
  { stateless: true, get: '404', reply: 'json', ack: '202' },
  { stateless: true, get: '405', reply: 'sse', ack: '202' },
  { stateless: true, get: '404', reply: 'sse', ack: '200-text' },
  { stateless: false, get: '404', reply: 'sse', ack: '202' },
  { stateless: false, get: '405', reply: 'json', ack: '200-empty' },
  { stateless: true, get: '405', reply: 'json', ack: '200-json' },
  { stateless: false, get: 'sse', reply: 'json', ack: '202' },
  { stateless: false, get: 'sse', reply: 'sse', ack: '200-empty' },
];

const label = (v: Variant): string => `${v.stateless ? 'stateless' : 'session id'}, GET ${v.get}, replies ${v.reply}, ack ${v.ack}`;

async function start(v: Variant): Promise<{ server: RunningServer; session: OpenedSession; close: () => Promise<void> }> {
  const args = ['--get', v.get, '--reply', v.reply, '--ack', v.ack, ...(v.stateless ? ['--stateless'] : [])];
  const server = await startTestServer({ transport: 'http', script: variantServer, args });
  const session = await openSession({ source: 'httpVariants.test.ts', servers: { v: { name: 'v', type: 'http', url: server.url } } }, ['v'], FAST);
  return { server, session, close: async () => { await session.close(); await server.stop(); } };
}

interface Stats { initializes: number; gets: number; getsWithSession: number; notifications: string[] }
const statsOf = async (session: OpenedSession): Promise<Stats> => (await session.callTool('v', 'stats', {})).value as Stats;

/** The SDK opens the GET stream only when `notifications/initialized` was answered 202. */
const opensStream = (v: Variant): boolean => v.ack === '202';

/** Waits until the server has answered the GET stream, so a call after it comes after the client has seen
 * that answer (a refused stream must not have cost the session). */
async function getAnswered(session: OpenedSession, v: Variant): Promise<void> {
  if (opensStream(v)) await expect.poll(async () => (await statsOf(session)).gets).toBe(1);
}

for (const v of variants) {
  test(`${label(v)}: calls go through on the first session`, async () => {
    const { session, close } = await start(v);
    try {
      expect(session.failed).toEqual([]);
      await getAnswered(session, v);
      const call = await session.callTool('v', 'echo', { text: 'hi' });
      expect(call).toMatchObject({ kind: 'ok', value: { text: 'hi' }, attempts: [] });
      const stats = await statsOf(session);
      const gets = opensStream(v) ? 1 : 0;
      expect(stats).toMatchObject({ initializes: 1, gets, getsWithSession: v.stateless ? 0 : gets, notifications: ['notifications/initialized'] });
      expect(session.info()[0]?.connected).toBe(true);
    } finally {
      await close();
    }
  });
}

for (const v of variants.filter((x) => !x.stateless && x.get !== '405')) {
  test(`${label(v)}: a 404 to a request with the session id opens a new session and sends the call again`, async () => {
    const { session, close } = await start(v);
    try {
      await getAnswered(session, v);
      await session.callTool('v', 'forget', {});
      const again = await session.callTool('v', 'echo', { text: 'again' });
      expect(again).toMatchObject({ kind: 'ok', value: { text: 'again' }, attempts: [{ attempt: 1, ok: true }] });
      expect((await statsOf(session)).initializes).toBe(2);
    } finally {
      await close();
    }
  });
}

test('stateless: a 404 is no lost session (there is none): unavailable, and the call is not sent again', async () => {
  const { session, close } = await start({ stateless: true, get: '405', reply: 'json', ack: '202' });
  try {
    await session.callTool('v', 'vanish', {});
    const gone = await session.callTool('v', 'echo', { text: 'x' });
    expect(gone).toMatchObject({ kind: 'unavailable', attempts: [] });
    expect(gone.message).toMatch(/^v \(http http:\/\/127\.0\.0\.1:\d+\/mcp\): tools\/call echo: the server answered HTTP 404$/);
  } finally {
    await close();
  }
});

test('session id, GET sse: a stream that ends and is refused with 404 when the client re-opens it is a lost session', async () => {
  const { session, close } = await start({ stateless: false, get: 'sse', reply: 'json', ack: '202' });
  try {
    await expect.poll(async () => (await statsOf(session)).gets).toBe(1);
    // The server ends the stream as it forgets the session; the client opens it again and gets 404.
    await session.callTool('v', 'forget', {});
    await expect.poll(() => session.info()[0]?.connected, { timeout: 10_000 }).toBe(false);
    expect(session.info()[0]?.error).toContain('session not found (HTTP 404)');
    const again = await session.callTool('v', 'echo', { text: 'again' });
    expect(again).toMatchObject({ kind: 'ok', attempts: [{ attempt: 1, ok: true }] });
  } finally {
    await close();
  }
});
