import { test, expect } from '@playwright/test';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { JsonRpcLines, Noise, quoteBytes } from '../../src/mcp/noise.js';
import { describeError } from '../../src/mcp/outcome.js';

test('a quote is the first 200 bytes on one line, with an ellipsis when there was more', () => {
  expect(quoteBytes('{"hello":1}')).toBe('{"hello":1}');
  expect(quoteBytes('a\nb\tc')).toBe('a\\nb\\tc');
  const long = quoteBytes('x'.repeat(300));
  expect(long).toBe(`${'x'.repeat(200)}…`);
  // A multi-byte character cut in half is dropped, not shown as a replacement character.
  expect(quoteBytes(`${'x'.repeat(199)}é`)).toBe(`${'x'.repeat(199)}…`);
});

test('the framing notes lines it cannot use, skips blank ones, and notes an unfinished line at the end', () => {
  const noise = new Noise();
  const lines = new JsonRpcLines({ maxBufferSize: 1024, noise });
  lines.append(Buffer.from('{"jsonrpc":"2.0","id":1,"result":{}}\r\n\n{"hello":1}\nnot json\n{"jsonrpc":"2.0","id":2,"res'));
  expect(lines.readMessage()).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  expect(() => lines.readMessage()).toThrow('the server sent a line that is JSON but not JSON-RPC: {"hello":1}');
  expect(() => lines.readMessage()).toThrow('the server sent a line that is not JSON: not json');
  expect(lines.readMessage()).toBeNull();
  noise.ended();
  expect(noise.since(0)).toBe('a line that is JSON but not JSON-RPC: {"hello":1} (and 2 more unusable messages)');
  expect(noise.since(2)).toBe('a line it never finished: {"jsonrpc":"2.0","id":2,"res');
  expect(noise.since(3)).toBeUndefined();
  expect(() => lines.append(Buffer.alloc(2000))).toThrow(/exceeded maximum size of 1024 bytes/);
});

test('an HTTP error is its status and the first line of its body, cut at 200 bytes', () => {
  const page = '\n<!DOCTYPE html>\n<html><body>lots</body></html>\n';
  expect(describeError(new StreamableHTTPError(500, `Error POSTing to endpoint: ${page}`))).toBe('HTTP 500: <!DOCTYPE html>');
  expect(describeError(new Error(`Error POSTing to endpoint (HTTP 502): ${'y'.repeat(250)}`))).toBe(`HTTP 502: ${'y'.repeat(200)}…`);
  expect(describeError(new StreamableHTTPError(500, 'Error POSTing to endpoint: '))).toBe('HTTP 500: (empty body)');
  expect(describeError(new Error('plain'))).toBe('plain');
});

test('many blank lines in one chunk are skipped without recursion', () => {
  const lines = new JsonRpcLines({ maxBufferSize: 10_000_000 });
  lines.append(Buffer.from(`${'\n'.repeat(1_000_000)}{"jsonrpc":"2.0","id":1,"result":{}}\n`));
  expect(lines.readMessage()).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
});
