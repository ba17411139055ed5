// A purpose-built MCP server for the protocol beyond tools/call: prompts, resources, resource templates,
// completions and subscriptions, every list paged two items at a time, content of every kind (image,
// audio, resource link, embedded resource, with annotations), a tool whose structuredContent can break
// its outputSchema, and a tool whose name Claude Code has to normalise.
//   node --import tsx test/support/servers/protocolServer.ts --transport stdio|http [--port 0] [--name x]
//   [--cursor-loop] (prompts/list sends the same cursor for ever) [--ambiguous] (a second tool whose
//   Claude Code name is the hostile tool's)
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema, CompleteRequestSchema, ErrorCode, GetPromptRequestSchema, ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, McpError, ReadResourceRequestSchema,
  SubscribeRequestSchema, UnsubscribeRequestSchema, type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { serve } from './serve.js';

const { values: opts } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: '0' },
    name: { type: 'string', default: 'protocol-server' },
    'cursor-loop': { type: 'boolean', default: false },
    ambiguous: { type: 'boolean', default: false },
  },
});

const PAGE = 2;
const HOSTILE_TOOL = 'résumé tool ✓';
/** A 1×1 transparent PNG and a few bytes of WAV header: real media types, tiny payloads. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const WAV = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=';

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object' as const, properties, required });
const tools = [
  { name: 'echo', description: 'Returns its text', inputSchema: obj({ text: { type: 'string' } }, ['text']) },
  { name: 'media', description: 'One content item of every kind: text, image, audio, resource_link, embedded resource', inputSchema: obj({}) },
  {
    name: 'typed', description: 'structuredContent { count }, as given: a count that is not an integer breaks the outputSchema; bare: no structuredContent at all',
    inputSchema: obj({ count: {}, bare: { type: 'boolean' } }),
    outputSchema: obj({ count: { type: 'integer' }, label: { type: 'string' } }, ['count']),
  },
  { name: HOSTILE_TOOL, description: 'A name with spaces, accents and a check mark', inputSchema: obj({}) },
  ...(opts.ambiguous ? [{ name: 'résumè tool ✓', description: 'Normalises to the same Claude Code name as the hostile tool', inputSchema: obj({}) }] : []),
];

const prompts = [
  { name: 'greet', description: 'Greets someone', arguments: [{ name: 'name', required: true }, { name: 'style' }] },
  { name: 'summarise', description: 'Asks for a summary', arguments: [{ name: 'topic', required: true }] },
  { name: 'plain', description: 'No arguments' },
];
const resources = ['one', 'two', 'three'].map((n) => ({ uri: `proto://${n}`, name: n, mimeType: 'text/plain' }));
const templates = [
  { uriTemplate: 'proto://users/{id}', name: 'user' },
  { uriTemplate: 'proto://files/{path}', name: 'file' },
  { uriTemplate: 'proto://logs/{day}', name: 'log' },
];
const NAMES = ['Alice', 'Alan', 'Bob'];
const IDS = ['1', '2', '10'];

/** One page of `items` from `cursor` (an offset as text). */
function page<T>(items: T[], cursor: string | undefined): { items: T[]; nextCursor?: string } {
  const start = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new McpError(ErrorCode.InvalidParams, `bad cursor ${cursor}`);
  const end = start + PAGE;
  return { items: items.slice(start, end), ...(end < items.length ? { nextCursor: String(end) } : {}) };
}

function text(value: string): CallToolResult {
  return { content: [{ type: 'text', text: value }] };
}

function callTool(name: string, args: Record<string, unknown>): CallToolResult {
  switch (name) {
    case 'echo':
      return text(String(args['text']));
    case 'media':
      return {
        content: [
          { type: 'text', text: 'four items follow' },
          { type: 'image', data: PNG, mimeType: 'image/png', annotations: { audience: ['user'], priority: 0.5 } },
          { type: 'audio', data: WAV, mimeType: 'audio/wav' },
          { type: 'resource_link', uri: 'proto://one', name: 'one', mimeType: 'text/plain', description: 'the first resource' },
          { type: 'resource', resource: { uri: 'proto://two', mimeType: 'text/plain', text: 'resource two' }, annotations: { lastModified: '2026-01-01T00:00:00Z' } },
        ],
      };
    case 'typed':
      if (args['bare'] === true) return text('no structured content');
      return { structuredContent: { count: args['count'] }, content: [{ type: 'text', text: JSON.stringify({ count: args['count'] }) }] };
    case HOSTILE_TOOL:
      return text('hostile ok');
    case 'résumè tool ✓':
      return text('the other one');
    default:
      throw new McpError(ErrorCode.InvalidParams, `Tool ${name} not found`);
  }
}

function session(): Server {
  const subscribed = new Set<string>();
  const server = new Server({ name: opts.name, version: '1.0.0' }, {
    capabilities: { tools: {}, prompts: {}, resources: { subscribe: true }, completions: {} },
  });
  server.setRequestHandler(ListToolsRequestSchema, (r) => {
    const p = page(tools, r.params?.cursor);
    return { tools: p.items, ...(p.nextCursor ? { nextCursor: p.nextCursor } : {}) };
  });
  server.setRequestHandler(CallToolRequestSchema, (r) => callTool(r.params.name, r.params.arguments ?? {}));
  server.setRequestHandler(ListPromptsRequestSchema, (r) => {
    if (opts['cursor-loop']) return { prompts: prompts.slice(0, 1), nextCursor: 'again' };
    const p = page(prompts, r.params?.cursor);
    return { prompts: p.items, ...(p.nextCursor ? { nextCursor: p.nextCursor } : {}) };
  });
  server.setRequestHandler(GetPromptRequestSchema, (r) => {
    const args = r.params.arguments ?? {};
    const ask = (t: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text: t } }] });
    switch (r.params.name) {
      case 'greet': {
        if (!args['name']) throw new McpError(ErrorCode.InvalidParams, 'greet: missing required argument "name"');
        return { description: 'A greeting', ...ask(`${args['style'] === 'formal' ? 'Good day' : 'Hello'}, ${args['name']}!`) };
      }
      case 'summarise':
        return ask(`Summarise ${args['topic'] ?? 'something'}`);
      case 'plain':
        return ask('Just a prompt');
      default:
        throw new McpError(ErrorCode.InvalidParams, `Prompt ${r.params.name} not found`);
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, (r) => {
    const p = page(resources, r.params?.cursor);
    return { resources: p.items, ...(p.nextCursor ? { nextCursor: p.nextCursor } : {}) };
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (r) => {
    const p = page(templates, r.params?.cursor);
    return { resourceTemplates: p.items, ...(p.nextCursor ? { nextCursor: p.nextCursor } : {}) };
  });
  server.setRequestHandler(ReadResourceRequestSchema, (r) => {
    const { uri } = r.params;
    if (uri === 'proto://subscriptions') return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify({ subscribed: [...subscribed].sort() }) }] };
    const known = resources.find((x) => x.uri === uri) ?? (/^proto:\/\/users\/\d+$/.test(uri) ? { uri } : undefined);
    if (!known) throw new McpError(ErrorCode.InvalidParams, `Resource ${uri} not found`);
    return { contents: [{ uri, mimeType: 'text/plain', text: `content of ${uri}` }] };
  });
  server.setRequestHandler(CompleteRequestSchema, (r) => {
    const { ref, argument } = r.params;
    const context = r.params.context?.arguments ?? {};
    let values: string[];
    if (ref.type === 'ref/prompt' && ref.name === 'greet' && argument.name === 'name') values = NAMES;
    else if (ref.type === 'ref/prompt' && ref.name === 'greet' && argument.name === 'style') values = context['name'] === 'Bob' ? ['casual'] : ['formal', 'casual'];
    else if (ref.type === 'ref/resource' && ref.uri === 'proto://users/{id}' && argument.name === 'id') values = IDS;
    else throw new McpError(ErrorCode.InvalidParams, `nothing to complete for ${argument.name}`);
    const matching = values.filter((v) => v.startsWith(argument.value));
    return { completion: { values: matching, total: matching.length, hasMore: false } };
  });
  server.setRequestHandler(SubscribeRequestSchema, (r) => {
    subscribed.add(r.params.uri);
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, (r) => {
    if (!subscribed.delete(r.params.uri)) throw new McpError(ErrorCode.InvalidParams, `not subscribed to ${r.params.uri}`);
    return {};
  });
  return server;
}

await serve(session, { transport: opts.transport, port: opts.port });
