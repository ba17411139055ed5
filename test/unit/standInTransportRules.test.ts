// The stand-ins' Host/Origin policy (fixtures/servers/shared/hostGuard.ts) and their bounded event store
// (eventStore.ts), without a server.
import { expect, test } from '@playwright/test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { SessionEventStore } from '../../fixtures/servers/shared/eventStore.js';
import { readHostPolicy, rebindingRejection } from '../../fixtures/servers/shared/hostGuard.js';

const check = (bindHost: string, headers: Record<string, string>, hosts?: string, origins?: string): string | undefined =>
  rebindingRejection(readHostPolicy(bindHost, hosts, origins, 'X'), headers);

test('bound to a loopback address: the loopback names pass on any port, any other name or a missing Host does not', () => {
  for (const host of ['127.0.0.1:8020', 'localhost', 'localhost:1', '[::1]:8010', 'LocalHost:5']) expect(check('127.0.0.1', { host }), host).toBeUndefined();
  expect(check('127.0.0.1', { host: 'evil.example.com:8020' })).toBe('Invalid Host header: evil.example.com:8020');
  expect(check('127.0.0.1', { host: '127.0.0.2' })).toBe('Invalid Host header: 127.0.0.2');
  expect(check('127.0.0.1', { host: 'localhost@evil.example.com' })).toBe('Invalid Host header: localhost@evil.example.com');
  expect(check('127.0.0.1', {})).toBe('Invalid Host header: (none)');
});

test('Origin: absent passes, a local one passes, a foreign, opaque or malformed one does not', () => {
  expect(check('127.0.0.1', { host: 'localhost', origin: 'http://localhost:3000' })).toBeUndefined();
  expect(check('127.0.0.1', { host: 'localhost', origin: 'https://127.0.0.1' })).toBeUndefined();
  for (const origin of ['http://evil.example.com', 'null', 'localhost', 'http://localhost.evil.example.com']) {
    expect(check('127.0.0.1', { host: 'localhost', origin }), origin).toBe(`Invalid Origin header: ${origin}`);
  }
});

test('another bind address answers to its own name only; a wildcard one to the loopback names until configured', () => {
  expect(check('192.168.1.5', { host: '192.168.1.5:8020' })).toBeUndefined();
  expect(check('192.168.1.5', { host: 'localhost:8020' })).toBe('Invalid Host header: localhost:8020');
  expect(check('::1', { host: '[::1]:8020' })).toBeUndefined();
  expect(check('0.0.0.0', { host: 'localhost:8020' })).toBeUndefined();
  expect(check('0.0.0.0', { host: '0.0.0.0:8020' })).toBe('Invalid Host header: 0.0.0.0:8020');
});

test('configured hosts (with a port: that port only), exact origins, * for none, bad entries refused', () => {
  expect(check('127.0.0.1', { host: 'mcp.internal:1' }, 'mcp.internal,127.0.0.1:7000')).toBeUndefined();
  expect(check('127.0.0.1', { host: '127.0.0.1:7000' }, 'mcp.internal,127.0.0.1:7000')).toBeUndefined();
  expect(check('127.0.0.1', { host: '127.0.0.1:7001' }, 'mcp.internal,127.0.0.1:7000')).toBe('Invalid Host header: 127.0.0.1:7001');
  expect(check('127.0.0.1', { host: 'localhost' }, 'mcp.internal')).toBe('Invalid Host header: localhost');
  expect(check('127.0.0.1', { host: 'localhost', origin: 'https://app.internal' }, undefined, 'https://app.internal')).toBeUndefined();
  expect(check('127.0.0.1', { host: 'localhost', origin: 'http://localhost' }, undefined, 'https://app.internal')).toBe('Invalid Origin header: http://localhost');
  expect(check('127.0.0.1', { host: 'evil.example.com', origin: 'http://evil.example.com' }, '*')).toBeUndefined();
  expect(() => readHostPolicy('127.0.0.1', 'a b', undefined, 'X')).toThrow("ERROR: X_ALLOWED_HOSTS: 'a b' is not a host name or host:port.");
  expect(() => readHostPolicy('127.0.0.1', undefined, 'http://x/path', 'X')).toThrow("ERROR: X_ALLOWED_ORIGINS: 'http://x/path' is not an origin such as http://localhost:3000.");
});

const message = (id: number, text = ''): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: { text } });

async function replay(store: SessionEventStore, after: string): Promise<{ stream: string; sent: [string, JSONRPCMessage][] }> {
  const sent: [string, JSONRPCMessage][] = [];
  const stream = await store.replayEventsAfter(after, { send: (id, m) => { sent.push([id, m]); return Promise.resolve(); } });
  return { stream, sent };
}

test('the event store replays a stream\'s messages after an id, not its priming event nor other streams\'', async () => {
  const store = new SessionEventStore();
  const priming = await store.storeEvent('s1', {} as JSONRPCMessage);
  const other = await store.storeEvent('s2', message(1));
  const first = await store.storeEvent('s1', message(2));
  const second = await store.storeEvent('s1', message(3));
  expect(await store.getStreamIdForEventId(priming)).toBe('s1');
  expect(await store.getStreamIdForEventId(other)).toBe('s2');
  expect(await replay(store, priming)).toEqual({ stream: 's1', sent: [[first, message(2)], [second, message(3)]] });
  expect(await replay(store, first)).toEqual({ stream: 's1', sent: [[second, message(3)]] });
  expect(await replay(store, 'unknown_1')).toEqual({ stream: '', sent: [] });
  expect(await store.getStreamIdForEventId('unknown_1')).toBeUndefined();
});

test('the event store forgets its oldest events past its bounds, never the newest', async () => {
  const byCount = new SessionEventStore(1_000_000, 2);
  const ids = [await byCount.storeEvent('s', message(1)), await byCount.storeEvent('s', message(2)), await byCount.storeEvent('s', message(3))];
  expect(await byCount.getStreamIdForEventId(ids[0] ?? '')).toBeUndefined();
  expect(await byCount.getStreamIdForEventId(ids[1] ?? '')).toBe('s');
  const bySize = new SessionEventStore(100);
  const small = await bySize.storeEvent('s', message(1));
  const big = await bySize.storeEvent('s', message(2, 'x'.repeat(500)));
  expect(await bySize.getStreamIdForEventId(small)).toBeUndefined();
  expect(await bySize.getStreamIdForEventId(big)).toBe('s');
});
