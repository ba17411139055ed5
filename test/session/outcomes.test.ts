// Every outcome kind, over every transport, against the purpose-built test server.
import { test, expect } from '@playwright/test';
import { harness, transports } from './harness.js';

for (const transport of transports) {
  test.describe(transport, () => {
    test('ok, tool_error and protocol_error are kept apart', async () => {
      const h = await harness(transport);
      try {
        expect(h.session.failed).toEqual([]);
        const ok = await h.session.callTool('test', 'echo', { text: 'hi' });
        expect(ok).toMatchObject({ kind: 'ok', value: { text: 'hi' }, attempts: [] });
        expect(ok.message).toBeUndefined();
        expect(ok.latencyMs).toBeGreaterThan(0);
        expect(ok.totalMs).toBeGreaterThanOrEqual(ok.latencyMs);

        const sum = await h.session.callTool('test', 'add', { a: 2, b: 3 });
        expect(sum.value).toEqual({ sum: 5 });

        const toolError = await h.session.callTool('test', 'fail', { message: 'title cannot be empty' });
        expect(toolError.kind).toBe('tool_error');
        expect(toolError.value).toBe("Error calling tool 'fail': title cannot be empty");
        expect(toolError.message).toBe("test: fail returned a tool error: Error calling tool 'fail': title cannot be empty");

        const rpc = await h.session.callTool('test', 'bad', { mode: 'jsonrpc' });
        expect(rpc.kind).toBe('protocol_error');
        expect(rpc.message).toBe('test: tools/call bad failed with JSON-RPC error -32603: bad: deliberate JSON-RPC error');

        const invalid = await h.session.callTool('test', 'bad', { mode: 'result' });
        expect(invalid.kind).toBe('protocol_error');
        expect(invalid.message).toMatch(/^test: invalid result for tools\/call bad: content: /);

        const unknown = await h.session.callTool('test', 'no_such_tool', {});
        expect(unknown.kind).toBe('protocol_error');

        // The session is still healthy after all of that.
        expect((await h.session.callTool('test', 'count', {})).value).toEqual({ count: 1 });
      } finally {
        await h.close();
      }
    });

    test('a hung server: the call fails at its timeout and the session goes on', async () => {
      const h = await harness(transport);
      try {
        const hung = await h.session.callTool('test', 'hang', {}, { timeoutMs: 300 });
        expect(hung.kind).toBe('timeout');
        expect(hung.message).toBe('test: no answer to tools/call hang within 300 ms');
        expect(hung.latencyMs).toBeGreaterThanOrEqual(290);
        expect((await h.session.callTool('test', 'echo', { text: 'after' })).kind).toBe('ok');
      } finally {
        await h.close();
      }
    });

    test('the caller can abort a call', async () => {
      const h = await harness(transport);
      try {
        const controller = new AbortController();
        const pending = h.session.callTool('test', 'hang', {}, { signal: controller.signal });
        setTimeout(() => controller.abort(), 100);
        const aborted = await pending;
        expect(aborted.kind).toBe('timeout');
        expect(aborted.message).toBe('test: tools/call hang was aborted by the caller');
      } finally {
        await h.close();
      }
    });

    test('aborting the caller\'s signal cancels the call in flight and no call that already ended', async () => {
      const h = await harness(transport);
      try {
        const controller = new AbortController();
        for (const text of ['one', 'two', 'three']) expect((await h.session.callTool('test', 'echo', { text }, { signal: controller.signal })).kind).toBe('ok');
        const pending = h.session.callTool('test', 'hang', {}, { signal: controller.signal });
        setTimeout(() => controller.abort(), 100);
        expect((await pending).kind).toBe('timeout');
        const cancellations = async () => {
          const info = await h.session.readResource('test', 'test://info');
          return (info.value as { cancellations: number }).cancellations;
        };
        await expect.poll(cancellations).toBeGreaterThan(0);
        // Cancellations travel as separate requests over HTTP: give any late ones the time to arrive.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await cancellations()).toBe(1);
      } finally {
        await h.close();
      }
    });

    test('a server that dies mid-call is unavailable at once, not a timeout', async () => {
      const h = await harness(transport, { callTimeoutMs: 30_000 });
      try {
        const crashed = await h.session.callTool('test', 'crash', {});
        expect(crashed.kind).toBe('unavailable');
        expect(crashed.message).toMatch(/^test \((stdio|sse|http) .+\): /);
        expect(crashed.latencyMs).toBeLessThan(30_000);
        expect(h.session.info()[0]?.connected).toBe(false);
      } finally {
        await h.close();
      }
    });

    // Within the wire limit (outputCap.test.ts has the replies beyond it).
    test('a 1 MB result is cut to the output cap and says so', async () => {
      const h = await harness(transport, { maxOutputTokens: 25_000 });
      try {
        const big = await h.session.callTool('test', 'big', { bytes: 1_000_000 });
        expect(big.kind).toBe('ok');
        expect(big.truncated).toEqual({ originalTokens: 250_000, limitTokens: 25_000 });
        expect(big.message).toBe('test: tools/call big returned about 250,000 tokens, over the output cap of 25,000 (MAX_MCP_OUTPUT_TOKENS); the result was cut to the cap');
        expect(typeof big.value === 'string' ? big.value.length : -1).toBe(100_000);
        const small = await h.session.callTool('test', 'big', { bytes: 1000 });
        expect(small.truncated).toBeUndefined();
      } finally {
        await h.close();
      }
    });

    test('resources and tool lists use the same outcome shape', async () => {
      const h = await harness(transport);
      try {
        const info = await h.session.readResource('test', 'test://info');
        expect(info.kind).toBe('ok');
        expect(info.value).toMatchObject({ name: 'test-server', transport });
        const missing = await h.session.readResource('test', 'test://nope');
        expect(missing.kind).toBe('protocol_error');
        const tools = await h.session.listTools('test');
        expect(tools.kind).toBe('ok');
        const names = (tools.value as { tools: { name: string }[] }).tools.map((t) => t.name);
        expect(names).toEqual(expect.arrayContaining(['echo', 'fail', 'hang', 'big', 'crash', 'bad', 'count']));
        expect(h.session.info()).toEqual([expect.objectContaining({ name: 'test', serverName: 'test-server', serverVersion: '1.0.0', transport, connected: true })]);
      } finally {
        await h.close();
      }
    });
  });
}

test('concurrent calls on one session each get their own answer', async () => {
  const h = await harness('http');
  try {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => h.session.callTool('test', 'echo', { text: `n${i}` })));
    expect(outcomes.map((o) => o.value)).toEqual(Array.from({ length: 20 }, (_, i) => ({ text: `n${i}` })));
  } finally {
    await h.close();
  }
});
