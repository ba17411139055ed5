// The protocol beyond tools/call, against the purpose-built protocol server (lists paged two at a time):
// every list is read to its end, a cursor loop ends as a protocol error, and each request's result is the
// step's value.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openSession, type McpConfig, type OpenedSession, type ServerEntry, type SessionOptions } from '../../src/mcp/index.js';
import { startTestServer, testServerCommand, type RunningServer } from '../support/servers/spawn.js';
import { FAST } from './harness.js';

const script = fileURLToPath(new URL('../support/servers/protocolServer.ts', import.meta.url));

async function open(transport: 'stdio' | 'http', flags: string[] = [], options: Partial<SessionOptions> = {}): Promise<{ session: OpenedSession; close: () => Promise<void> }> {
  let server: RunningServer | undefined;
  let entry: ServerEntry;
  if (transport === 'stdio') {
    const { command, args } = testServerCommand('proto', script);
    entry = { name: 'proto', type: 'stdio', command, args: [...args, ...flags] };
  } else {
    server = await startTestServer({ transport: 'http', script });
    entry = { name: 'proto', type: 'http', url: server.url };
  }
  const config: McpConfig = { source: 'test/session/protocol.test.ts', servers: { proto: entry } };
  const session = await openSession(config, ['proto'], { ...FAST, ...options });
  expect(session.failed).toEqual([]);
  return { session, close: async () => { await session.close(); await server?.stop(); } };
}

for (const transport of ['stdio', 'http'] as const) {
  test(`${transport}: prompts are listed across pages and got with their arguments`, async () => {
    const { session, close } = await open(transport);
    try {
      const list = await session.request('proto', { method: 'prompts/list' });
      expect(list.kind).toBe('ok');
      expect((list.value as { prompts: { name: string }[] }).prompts.map((p) => p.name)).toEqual(['greet', 'summarise', 'plain']);
      const got = await session.request('proto', { method: 'prompts/get', params: { name: 'greet', arguments: { name: 'Ada', style: 'formal' } } });
      expect(got.value).toEqual({ description: 'A greeting', messages: [{ role: 'user', content: { type: 'text', text: 'Good day, Ada!' } }] });
      const missing = await session.request('proto', { method: 'prompts/get', params: { name: 'greet', arguments: {} } });
      expect(missing.kind).toBe('protocol_error');
      expect(missing.message).toBe('proto: prompts/get greet failed with JSON-RPC error -32602: greet: missing required argument "name"');
    } finally {
      await close();
    }
  });

  test(`${transport}: resources, templates and tools are listed to their last page`, async () => {
    const { session, close } = await open(transport);
    try {
      const resources = await session.request('proto', { method: 'resources/list' });
      expect((resources.value as { resources: { uri: string }[] }).resources.map((r) => r.uri)).toEqual(['proto://one', 'proto://two', 'proto://three']);
      const templates = await session.request('proto', { method: 'resources/templates/list' });
      expect((templates.value as { resourceTemplates: { uriTemplate: string }[] }).resourceTemplates.map((t) => t.uriTemplate))
        .toEqual(['proto://users/{id}', 'proto://files/{path}', 'proto://logs/{day}']);
      const tools = await session.listTools('proto');
      expect((tools.value as { tools: { name: string }[] }).tools.map((t) => t.name)).toEqual(['echo', 'media', 'typed', 'résumé tool ✓']);
    } finally {
      await close();
    }
  });

  test(`${transport}: completions, ping and subscriptions`, async () => {
    const { session, close } = await open(transport);
    try {
      const names = await session.request('proto', { method: 'completion/complete', params: { ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: 'Al' } } });
      expect(names.value).toEqual({ completion: { values: ['Alice', 'Alan'], total: 2, hasMore: false } });
      const styles = await session.request('proto', {
        method: 'completion/complete', params: { ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'style', value: '' }, context: { arguments: { name: 'Bob' } } },
      });
      expect(styles.value).toEqual({ completion: { values: ['casual'], total: 1, hasMore: false } });
      const ids = await session.request('proto', { method: 'completion/complete', params: { ref: { type: 'ref/resource', uri: 'proto://users/{id}' }, argument: { name: 'id', value: '1' } } });
      expect(ids.value).toEqual({ completion: { values: ['1', '10'], total: 2, hasMore: false } });
      expect((await session.request('proto', { method: 'ping' })).value).toEqual({});
      expect((await session.request('proto', { method: 'resources/subscribe', params: { uri: 'proto://one' } })).kind).toBe('ok');
      expect((await session.readResource('proto', 'proto://subscriptions')).value).toEqual({ subscribed: ['proto://one'] });
      expect((await session.request('proto', { method: 'resources/unsubscribe', params: { uri: 'proto://one' } })).kind).toBe('ok');
      const again = await session.request('proto', { method: 'resources/unsubscribe', params: { uri: 'proto://one' } });
      expect(again.kind).toBe('protocol_error');
      expect(again.message).toContain('not subscribed to proto://one');
    } finally {
      await close();
    }
  });

  test(`${transport}: structuredContent is checked against the outputSchema of a tool listed on a later page`, async () => {
    const { session, close } = await open(transport);
    try {
      const good = await session.callTool('proto', 'typed', { count: 3 });
      expect(good.kind).toBe('ok');
      expect(good.value).toEqual({ count: 3 });
      const wrong = await session.callTool('proto', 'typed', { count: 'three' });
      expect(wrong.kind).toBe('protocol_error');
      expect(wrong.message).toBe('proto: tools/call typed: structuredContent does not match the outputSchema of typed: $.count must be integer');
      // What came back is still there to look at.
      expect(wrong.value).toEqual({ count: 'three' });
      const bare = await session.callTool('proto', 'typed', { bare: true });
      expect(bare.message).toBe('proto: tools/call typed: typed declares an outputSchema but returned no structuredContent');
    } finally {
      await close();
    }
  });
}

test('check_output_schema off: a mismatching structuredContent is an ordinary result', async () => {
  const { session, close } = await open('stdio', [], { checkOutputSchema: false });
  try {
    const wrong = await session.callTool('proto', 'typed', { count: 'three' });
    expect(wrong.kind).toBe('ok');
    expect(wrong.value).toEqual({ count: 'three' });
  } finally {
    await close();
  }
});

test('every content item of a result is in the raw result, with its mimeType and annotations', async () => {
  const { session, close } = await open('stdio');
  try {
    const media = await session.callTool('proto', 'media', {});
    expect(media.value).toBe('four items follow');
    const content = (media.raw as { content: Record<string, unknown>[] }).content;
    expect(content.map((c) => c['type'])).toEqual(['text', 'image', 'audio', 'resource_link', 'resource']);
    expect(content[1]).toMatchObject({ mimeType: 'image/png', annotations: { audience: ['user'], priority: 0.5 } });
    expect(content[3]).toMatchObject({ uri: 'proto://one', mimeType: 'text/plain' });
  } finally {
    await close();
  }
});

test('a Claude Code tool name calls the tool it was made from, whatever characters that name holds', async () => {
  const { session, close } = await open('stdio');
  try {
    const called = await session.callTool('proto', 'r_sum__tool__', {});
    expect(called.kind).toBe('ok');
    expect(called.value).toBe('hostile ok');
    expect(called.tool).toBe('résumé tool ✓');
    const exact = await session.callTool('proto', 'résumé tool ✓', {});
    expect(exact.value).toBe('hostile ok');
    expect(exact.tool).toBeUndefined();
  } finally {
    await close();
  }
});

test('a Claude Code name that two tools normalise to is refused, naming both (probe)', async () => {
  const { session, close } = await open('stdio', ['--ambiguous']);
  try {
    const called = await session.callTool('proto', 'r_sum__tool__', {});
    expect(called.kind).toBe('protocol_error');
    expect(called.message).toBe('proto: tools/call r_sum__tool__: "r_sum__tool__" is the Claude Code name of 2 tools: "résumé tool ✓", "résumè tool ✓"');
  } finally {
    await close();
  }
});

test('a server that sends the same cursor again ends the list as a protocol error naming the loop', async () => {
  const { session, close } = await open('stdio', ['--cursor-loop']);
  try {
    const list = await session.request('proto', { method: 'prompts/list' });
    expect(list.kind).toBe('protocol_error');
    expect(list.message).toBe('proto: prompts/list: page 2 sent the cursor "again" that page 1 sent (a cursor loop); 2 items read');
  } finally {
    await close();
  }
});
