// Outcomes by what happened on the wire: a server that sends something other than its reply gets
// protocol_error, with the bytes quoted, on every transport where that can happen. Each call ends within
// its budget plus 1 s.
import { createServer, type AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { openSession, type CallOutcome, type McpConfig } from '../../src/mcp/index.js';
import { FAST, harness, type Harness, type HarnessTransport } from './harness.js';

const BUDGET_MS = 1500;
const all: HarnessTransport[] = ['stdio', 'stdio-relay', 'sse', 'http'];
// The SDK's truncated reply: the first 60 bytes of {"jsonrpc":"2.0","id":N,"result":{...}}.
const CUT_REPLY = /\{"jsonrpc":"2\.0","id":\d+,"result":\{"content":\[\{"type":"text",$/;

async function noise(h: Harness, mode: string, extra: Record<string, unknown> = {}): Promise<CallOutcome> {
  const started = performance.now();
  const outcome = await h.session.callTool('test', 'noise', { mode, ...extra }, { timeoutMs: BUDGET_MS });
  expect(performance.now() - started).toBeLessThan(BUDGET_MS + 1000);
  return outcome;
}

for (const transport of all) {
  test.describe(transport, () => {
    test('a reply that is not JSON is a protocol_error quoting its bytes, and the session goes on', async () => {
      const h = await harness(transport);
      try {
        const outcome = await noise(h, 'not-json');
        expect(outcome.kind).toBe('protocol_error');
        if (transport === 'http') {
          expect(outcome.message).toMatch(/^test: tools\/call noise: the server sent a reply that is not JSON: /);
        } else if (transport === 'sse') {
          expect(outcome.message).toMatch(/^test: no answer to tools\/call noise within 1500 ms; the server sent an event that is not JSON: /);
        } else {
          expect(outcome.message).toMatch(/^test: no answer to tools\/call noise within 1500 ms; the server sent a line that is not JSON: /);
        }
        expect(outcome.message).toMatch(CUT_REPLY);
        expect((await h.session.callTool('test', 'echo', { text: 'after' })).value).toEqual({ text: 'after' });
      } finally {
        await h.close();
      }
    });

    test('valid JSON that is not JSON-RPC is a protocol_error quoting it', async () => {
      const h = await harness(transport);
      try {
        const outcome = await noise(h, 'not-jsonrpc');
        expect(outcome.kind).toBe('protocol_error');
        if (transport === 'http') expect(outcome.message).toBe('test: tools/call noise: the server sent a reply that is JSON but not JSON-RPC: {"hello":1}');
        else if (transport === 'sse') expect(outcome.message).toBe('test: no answer to tools/call noise within 1500 ms; the server sent an event that is JSON but not JSON-RPC: {"hello":1}');
        else expect(outcome.message).toBe('test: no answer to tools/call noise within 1500 ms; the server sent a line that is JSON but not JSON-RPC: {"hello":1}');
      } finally {
        await h.close();
      }
    });

    test('a reply to an unknown id, then no answer: protocol_error naming the stray reply', async () => {
      // Over streamable HTTP the server's SDK transport cannot route a reply to an id it never received;
      // the test server writes it as the POST response body instead, as a server of its own could.
      const h = await harness(transport);
      try {
        const outcome = await noise(h, 'stray');
        expect(outcome.kind).toBe('protocol_error');
        expect(outcome.message).toBe('test: no answer to tools/call noise within 1500 ms; the server sent a reply to an id that no request of this session has: {"jsonrpc":"2.0","id":424242,"result":{"content":[]}}');
      } finally {
        await h.close();
      }
    });

    test('half a reply, then the connection ends', async () => {
      const h = await harness(transport);
      try {
        const outcome = await noise(h, 'cut');
        if (transport === 'sse') {
          // An SSE event counts only once its blank line arrives: a half event is dropped by the framing,
          // so all the client can see is the stream breaking.
          expect(outcome.kind).toBe('unavailable');
          return;
        }
        expect(outcome.kind).toBe('protocol_error');
        if (transport === 'http') expect(outcome.message).toMatch(/^test: tools\/call noise: the server's reply was cut off after 60 bytes: /);
        else expect(outcome.message).toMatch(/^test: tools\/call noise: .+; the server sent a line it never finished: /);
        expect(outcome.message).toMatch(CUT_REPLY);
      } finally {
        await h.close();
      }
    });
  });
}

test('http: a reply stream (SSE) whose event is not JSON-RPC is a protocol_error quoting it', async () => {
  const h = await harness('http');
  try {
    const outcome = await noise(h, 'not-jsonrpc', { stream: true });
    expect(outcome).toMatchObject({ kind: 'protocol_error', message: 'test: no answer to tools/call noise within 1500 ms; the server sent an event that is JSON but not JSON-RPC: {"hello":1}' });
  } finally {
    await h.close();
  }
});

for (const transport of ['sse', 'http'] as const) {
  test(`${transport}: an HTTP error says its status and the first line of its body, not the whole page`, async () => {
    const h = await harness(transport);
    try {
      const outcome = await noise(h, 'http-500');
      expect(outcome.kind).toBe('protocol_error');
      expect(outcome.message).toBe('test: tools/call noise was refused with HTTP 500: <!DOCTYPE html>');
    } finally {
      await h.close();
    }
  });
}

test('stdio: noise outside a call does not taint the next call', async () => {
  const h = await harness('stdio');
  try {
    expect((await noise(h, 'stray')).kind).toBe('protocol_error');
    const hung = await h.session.callTool('test', 'hang', {}, { timeoutMs: 300 });
    expect(hung).toMatchObject({ kind: 'timeout', message: 'test: no answer to tools/call hang within 300 ms' });
  } finally {
    await h.close();
  }
});

test('an isError result with no content says so', async () => {
  const h = await harness('stdio');
  try {
    const outcome = await h.session.callTool('test', 'fail', { empty: true });
    expect(outcome.kind).toBe('tool_error');
    expect(outcome.message).toBe('test: fail returned a tool error: (no content: the result had isError and no text)');
  } finally {
    await h.close();
  }
});

for (const transport of ['sse', 'http'] as const) {
  test(`${transport}: a server that resets every connection is unavailable, not a protocol error`, async () => {
    const resetting = createServer((socket) => { socket.resetAndDestroy(); });
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve));
    const port = (resetting.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}/${transport === 'http' ? 'mcp' : 'sse'}`;
    const config: McpConfig = { source: 'x', servers: { reset: { name: 'reset', type: transport, url } } };
    const session = await openSession(config, ['reset'], FAST);
    try {
      expect(session.failed[0]?.error).toMatch(/could not connect: .*ECONNRESET/);
      const started = performance.now();
      const outcome = await session.callTool('reset', 'echo', { text: 'x' }, { timeoutMs: BUDGET_MS });
      expect(performance.now() - started).toBeLessThan(BUDGET_MS + 1000);
      expect(outcome.kind).toBe('unavailable');
      expect(outcome.message).toMatch(new RegExp(`^reset \\(${transport} ${url.replace(/[.]/g, '\\.')}\\): could not reconnect \\(3 attempts\\): .*ECONNRESET`));
    } finally {
      await session.close();
      await new Promise((resolve) => resetting.close(resolve));
    }
  });
}
