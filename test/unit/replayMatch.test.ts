// How a replayed server answers (src/mcp/replayMatch.ts): by method and params, whatever the key order
// and `_meta`; a repeated request in recorded order; anything else an error naming the request.
import { expect, test } from '@playwright/test';
import { canonical, Replay } from '../../src/mcp/replayMatch.js';

const replay = () => new Replay('codebase-mcp', {
  initialize: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'codebase-mcp', version: '1' } },
  exchanges: [
    { method: 'tools/call', params: { name: 'status', arguments: { job_id: 'j1' } }, result: { content: [], structuredContent: { status: 'pending' } } },
    { method: 'tools/call', params: { name: 'status', arguments: { job_id: 'j1' } }, result: { content: [], structuredContent: { status: 'completed' } } },
    { method: 'tools/call', params: { name: 'search', arguments: { query: 'auth', limit: 5 } }, result: { content: [] } },
    { method: 'resources/read', params: { uri: 'health://status' }, error: { code: -32002, message: 'not found' } },
  ],
});

test('requests match by method and params, key order and _meta aside', () => {
  const r = replay();
  expect(r.answer('initialize', { protocolVersion: '2025-11-25' })).toEqual({ result: expect.objectContaining({ serverInfo: { name: 'codebase-mcp', version: '1' } }) });
  expect(r.answer('tools/call', { _meta: { progressToken: 7 }, arguments: { limit: 5, query: 'auth' }, name: 'search' })).toEqual({ result: { content: [] } });
  expect(r.answer('resources/read', { uri: 'health://status' })).toEqual({ error: { code: -32002, message: 'not found' } });
  expect(canonical({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
});

test('a request recorded several times gets its answers in order, then the last again', () => {
  const r = replay();
  const status = () => (r.answer('tools/call', { name: 'status', arguments: { job_id: 'j1' } }) as { result: { structuredContent: unknown } }).result.structuredContent;
  expect([status(), status(), status()]).toEqual([{ status: 'pending' }, { status: 'completed' }, { status: 'completed' }]);
});

test('an unrecorded request is an error that names it and what was recorded; pings and unlisted tools are answered', () => {
  const r = replay();
  expect(r.answer('tools/call', { name: 'search', arguments: { query: 'other' } })).toEqual({ error: {
    code: -32602,
    message: 'replay of codebase-mcp: no recorded answer to tools/call search {"arguments":{"query":"other"},"name":"search"}; recorded with other params: {"arguments":{"limit":5,"query":"auth"},"name":"search"}',
  } });
  expect(r.answer('prompts/get', { name: 'review' })).toEqual({ error: {
    code: -32601,
    message: 'replay of codebase-mcp: no recorded answer to prompts/get review {"name":"review"}: the recording has no prompts/get request (it has: tools/call, resources/read)',
  } });
  expect(r.answer('ping', {})).toEqual({ result: {} });
  expect(r.answer('tools/list', {})).toEqual({ result: { tools: [{ name: 'status', inputSchema: { type: 'object' } }, { name: 'search', inputSchema: { type: 'object' } }] } });
});
