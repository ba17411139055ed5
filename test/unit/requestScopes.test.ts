// Which guarded request a streamable HTTP fetch is for: by the JSON-RPC id in a POST's body, or by the
// event a resuming GET names; nothing else (the standalone stream, notifications, replies to the server).
import { test, expect } from '@playwright/test';
import { RequestScopes, requestIdOf } from '../../src/mcp/requestScopes.js';

const post = (message: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(message) });

test('the id is read from the end of the SDK body, and any other shape is parsed whole', () => {
  expect(requestIdOf(JSON.stringify({ method: 'tools/call', params: { name: 'x', arguments: { id: 9, q: ',"id":8}' } }, jsonrpc: '2.0', id: 7 }))).toBe(7);
  expect(requestIdOf(JSON.stringify({ method: 'ping', jsonrpc: '2.0', id: 'a"b' }))).toBe('a"b');
  expect(requestIdOf(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'ping' }))).toBe(4);
  // A notification whose params end in an id, a reply to the server, and what is not JSON-RPC at all.
  expect(requestIdOf(JSON.stringify({ method: 'notifications/cancelled', params: { reason: 'x', id: 3 } }))).toBeUndefined();
  expect(requestIdOf(JSON.stringify({ result: {}, jsonrpc: '2.0', id: 3 }))).toBeUndefined();
  expect(requestIdOf('{"method":"x","jsonrpc":"2.0","id":1')).toBeUndefined();
  expect(requestIdOf(undefined)).toBeUndefined();
});

test('a request sent with a scope\'s options is found by its id until the scope closes', () => {
  const scopes = new RequestScopes();
  const a = new AbortController();
  const b = new AbortController();
  const scopeA = scopes.open(a);
  const scopeB = scopes.open(b);
  // A list's two pages are one scope's; a request sent without a scope's options is no one's.
  scopes.sent({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { onresumptiontoken: scopeA.onresumptiontoken });
  scopes.sent({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'x' } }, { onresumptiontoken: scopeB.onresumptiontoken });
  scopes.sent({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: { cursor: 'c' } }, { onresumptiontoken: scopeA.onresumptiontoken });
  scopes.sent({ jsonrpc: '2.0', id: 4, method: 'ping' }, undefined);
  scopes.sent({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } }, { onresumptiontoken: scopeB.onresumptiontoken });
  const body = (id: number, method: string): RequestInit => post({ method, jsonrpc: '2.0', id });
  expect(scopes.find(body(1, 'tools/list'))).toBe(a);
  expect(scopes.find(body(3, 'tools/list'))).toBe(a);
  expect(scopes.find(body(2, 'tools/call'))).toBe(b);
  expect(scopes.find(body(4, 'ping'))).toBeUndefined();
  expect(scopes.find(post({ method: 'notifications/cancelled', params: { requestId: 2 }, jsonrpc: '2.0' }))).toBeUndefined();
  expect(scopes.find({ method: 'GET' })).toBeUndefined();
  scopeA.close();
  expect(scopes.find(body(1, 'tools/list'))).toBeUndefined();
  expect(scopes.find(body(2, 'tools/call'))).toBe(b);
  scopeB.close();
  expect(scopes.find(body(2, 'tools/call'))).toBeUndefined();
});

test('a GET resuming after a request\'s last event is that request\'s', () => {
  const scopes = new RequestScopes();
  const a = new AbortController();
  const scope = scopes.open(a);
  scopes.sent({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } }, { onresumptiontoken: scope.onresumptiontoken });
  const resume = (event: string): RequestInit => ({ method: 'GET', headers: new Headers({ accept: 'text/event-stream', 'last-event-id': event }) });
  scope.onresumptiontoken('e1');
  scope.onresumptiontoken('e2');
  expect(scopes.find(resume('e2'))).toBe(a);
  // Only the last event is resumed after; the standalone stream's own events are no request's.
  expect(scopes.find(resume('e1'))).toBeUndefined();
  expect(scopes.find({ method: 'GET', headers: { 'last-event-id': 'e2' } })).toBe(a);
  scope.close();
  expect(scopes.find(resume('e2'))).toBeUndefined();
});
