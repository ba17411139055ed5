import { test, expect } from '@playwright/test';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { approxChars, capResult } from '../../src/mcp/cap.js';
import { classifyError, connectionFailure, isSessionGone, resourceValue, toolValue } from '../../src/mcp/outcome.js';
import { backoffDelay } from '../../src/mcp/reconnect.js';

test('value: structuredContent, else the first text as JSON, else that text; a tool error is its text', () => {
  expect(toolValue({ structuredContent: { a: 1 }, content: [{ type: 'text', text: '{"b":2}' }] })).toEqual({ a: 1 });
  expect(toolValue({ content: [{ type: 'image' }, { type: 'text', text: '{"b":2}' }] })).toEqual({ b: 2 });
  expect(toolValue({ content: [{ type: 'text', text: '[1, 2]' }] })).toEqual([1, 2]);
  expect(toolValue({ content: [{ type: 'text', text: '42' }] })).toBe(42);
  expect(toolValue({ content: [{ type: 'text', text: 'plain words' }] })).toBe('plain words');
  expect(toolValue({ content: [{ type: 'text', text: '{not json' }] })).toBe('{not json');
  expect(toolValue({ isError: true, structuredContent: { x: 1 }, content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] })).toBe('a\nb');
  expect(resourceValue({ contents: [{ uri: 'u', text: '{"ok":true}' }] })).toEqual({ ok: true });
  expect(resourceValue({ contents: [{ uri: 'u', blob: 'AAEC' }] })).toBe('AAEC');
});

test('thrown errors are sorted into unavailable, timeout and protocol_error', () => {
  const kind = (error: unknown) => classifyError(error, 'tools/call x', 100);
  expect(kind(new McpError(ErrorCode.RequestTimeout, 'Request timed out'))).toEqual({ kind: 'timeout', detail: 'no answer to tools/call x within 100 ms' });
  expect(kind(new McpError(ErrorCode.ConnectionClosed, 'Connection closed')).kind).toBe('unavailable');
  expect(kind(new McpError(ErrorCode.InvalidParams, 'MCP error -32602: bad args'))).toEqual({ kind: 'protocol_error', detail: 'tools/call x failed with JSON-RPC error -32602: bad args' });
  expect(kind(new StreamableHTTPError(404, 'Error POSTing to endpoint: {}')).detail).toBe('tools/call x: session not found (HTTP 404): the server no longer knows this session');
  expect(kind(new StreamableHTTPError(503, 'unavailable')).kind).toBe('unavailable');
  expect(kind(new StreamableHTTPError(400, 'bad request')).kind).toBe('protocol_error');
  expect(kind(new Error('Error POSTing to endpoint (HTTP 404): Session not found')).kind).toBe('unavailable');
  // What the SSE transport reports when its stream drops (built without an EventSource error event).
  expect(kind(Object.setPrototypeOf(new Error('SSE error: TypeError: terminated'), SseError.prototype)).kind).toBe('unavailable');
  const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
  expect(kind(refused)).toEqual({ kind: 'unavailable', detail: 'tools/call x: connection failed (ECONNREFUSED)' });
  const zod = Object.assign(new Error('invalid'), { issues: [{ path: ['content'], message: 'expected array' }] });
  expect(kind(zod)).toEqual({ kind: 'protocol_error', detail: 'invalid result for tools/call x: content: expected array' });
  expect(kind(new Error('something odd')).kind).toBe('protocol_error');
});

test('only errors that mean a lost connection or session end it', () => {
  expect(connectionFailure(new Error('Received a response for an unknown message ID: {}'), true)).toBeUndefined();
  expect(connectionFailure(new Error('SSE stream disconnected: TypeError: terminated'), true)).toMatch(/^the stream broke/);
  expect(connectionFailure(new StreamableHTTPError(404, 'x'), true)).toMatch(/^session not found/);
  expect(connectionFailure(new StreamableHTTPError(400, 'x'), true)).toBeUndefined();
  // Without a session id (a stateless server) a 404 is a status like 503, not a session the server lost.
  expect(connectionFailure(new StreamableHTTPError(404, 'x'), false)).toBe('the server answered HTTP 404');
  expect(isSessionGone(new StreamableHTTPError(404, 'x'), false)).toBe(false);
  expect(isSessionGone(new StreamableHTTPError(404, 'x'), true)).toBe(true);
});

test('the output cap cuts text and oversized structured content, and says by how much', () => {
  const small = { content: [{ type: 'text', text: 'x'.repeat(400) }] };
  expect(capResult(small, 100)).toEqual({ result: small });
  const big = { content: [{ type: 'text', text: 'x'.repeat(300) }, { type: 'text', text: 'y'.repeat(300) }, { type: 'text', text: 'z' }] };
  const capped = capResult(big, 100);
  expect(capped.truncated).toEqual({ originalTokens: 151, limitTokens: 100 });
  expect(capped.result.content.map((c) => c.text.length)).toEqual([300, 100]);
  const structured = { structuredContent: { rows: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `row ${i}` })) }, content: [{ type: 'text', text: 'summary' }] };
  const cut = capResult(structured, 50);
  expect(cut.truncated?.limitTokens).toBe(50);
  expect('structuredContent' in cut.result).toBe(false);
  expect(cut.result.content).toEqual([{ type: 'text', text: 'summary' }]);
  expect(approxChars('x'.repeat(10_000_000), 100)).toBeGreaterThan(100);
});

test('backoff doubles from the initial delay and is capped', () => {
  const policy = { attempts: 8, initialDelayMs: 1000, maxDelayMs: 30_000 };
  expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
});
