// A purpose-built MCP server whose answers and contract drift between runs, for the snapshot and contract
// tests: `status` returns a fresh UUID, timestamp and latency every call beside `version` (--version);
// --contract reworded rewords a tool's description, --contract required makes an argument of it required.
// It lists prompts and resources too, so a contract holds those lists. Options, not env variables: the
// runner masks a server's env values as secrets. Stdio only.
//   node --import tsx test/support/servers/driftServer.ts --transport stdio [--name x] [--version 2] [--contract reworded|required]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';

const { values: opts } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' }, port: { type: 'string', default: '0' }, name: { type: 'string', default: 'drift-server' },
    version: { type: 'string', default: '1' }, contract: { type: 'string', default: 'base' },
  },
});

const contract = opts.contract;

const tools = [
  {
    name: 'status',
    description: 'Says which version runs, with a fresh id, time and latency',
    inputSchema: { type: 'object' as const, properties: {} },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'create_item',
    description: contract === 'reworded' ? 'Creates an item and files it under the current project' : 'Creates an item',
    inputSchema: {
      type: 'object' as const,
      properties: { title: { type: 'string' }, priority: { type: 'integer', minimum: 1 } },
      required: contract === 'required' ? ['title', 'priority'] : ['title'],
    },
  },
];

const text = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value) }] });

const server = new Server({ name: opts.name, version: '1.0.0' }, { capabilities: { tools: {}, prompts: {}, resources: {} } });
server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
server.setRequestHandler(ListPromptsRequestSchema, () => ({
  prompts: [{ name: 'triage', description: 'Triage an item', arguments: [{ name: 'item', required: true }] }],
}));
server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [{ uri: 'drift://items', name: 'items', mimeType: 'application/json' }] }));
server.setRequestHandler(CallToolRequestSchema, (request): CallToolResult => {
  const args = request.params.arguments ?? {};
  if (request.params.name === 'status') {
    return text({
      id: randomUUID(), checked_at: new Date().toISOString(), latency_ms: Math.round(Math.random() * 50),
      version: opts.version, name: opts.name, items: [{ id: randomUUID(), title: 'first' }],
    });
  }
  if (request.params.name === 'create_item') {
    if (typeof args['title'] !== 'string' || args['title'] === '') return { isError: true, content: [{ type: 'text', text: 'title cannot be empty' }] };
    return text({ id: randomUUID(), title: args['title'], created_at: new Date().toISOString() });
  }
  return { isError: true, content: [{ type: 'text', text: `unknown tool ${request.params.name}` }] };
});
await server.connect(new StdioServerTransport());
