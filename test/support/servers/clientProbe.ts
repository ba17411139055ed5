// A purpose-built stdio MCP server that shows what the client is: what it sent in `initialize`, its roots,
// how it answers elicitation and sampling, and how many `notifications/roots/list_changed` it sent. It asks
// whatever the client declared or not (plain requests, no capability checks), to show the refusals too.
//   node --import tsx test/support/servers/clientProbe.ts
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema, CreateMessageResultSchema, ElicitResultSchema, ListRootsResultSchema, ListToolsRequestSchema, RootsListChangedNotificationSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';

const tools = [
  { name: 'whoami', description: 'What the client sent in initialize', inputSchema: { type: 'object' as const } },
  { name: 'roots', description: 'roots/list, and how many list_changed notifications came', inputSchema: { type: 'object' as const } },
  {
    name: 'ask', description: 'elicitation/create with this message and these fields (each a string with a default when given)',
    inputSchema: { type: 'object' as const, properties: { message: { type: 'string' }, fields: { type: 'object' } } },
  },
  { name: 'sample', description: 'sampling/createMessage with this prompt', inputSchema: { type: 'object' as const, properties: { prompt: { type: 'string' } } } },
];

let protocolVersion: unknown;
let listChanged = 0;

const server = new Server({ name: 'client-probe', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setNotificationHandler(RootsListChangedNotificationSchema, () => { listChanged += 1; });
server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));

function json(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}

server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
  const args = request.params.arguments ?? {};
  try {
    switch (request.params.name) {
      case 'whoami':
        return json({ clientInfo: server.getClientVersion(), capabilities: server.getClientCapabilities(), protocolVersion });
      case 'roots':
        return json({ ...(await server.request({ method: 'roots/list' }, ListRootsResultSchema)), listChanged });
      case 'ask': {
        const fields = (args['fields'] ?? { name: null }) as Record<string, string | null>;
        const properties = Object.fromEntries(Object.entries(fields).map(([name, byDefault]) => [name, { type: 'string' as const, ...(byDefault === null ? {} : { default: byDefault }) }]));
        const params = { message: typeof args['message'] === 'string' ? args['message'] : 'Your name?', requestedSchema: { type: 'object' as const, properties } };
        return json(await server.request({ method: 'elicitation/create', params }, ElicitResultSchema));
      }
      case 'sample': {
        const params = { messages: [{ role: 'user' as const, content: { type: 'text' as const, text: typeof args['prompt'] === 'string' ? args['prompt'] : '' } }], maxTokens: 50 };
        return json(await server.request({ method: 'sampling/createMessage', params }, CreateMessageResultSchema));
      }
      default:
        return { isError: true, content: [{ type: 'text', text: `unknown tool ${request.params.name}` }] };
    }
  } catch (error) {
    // What the client answered, as a tool error a journey can match.
    return { isError: true, content: [{ type: 'text', text: error instanceof Error ? error.message : String(error) }] };
  }
});

const transport = new StdioServerTransport();
await server.connect(transport);
// The SDK keeps the offered version to itself; read it off the wire.
const deliver = transport.onmessage;
transport.onmessage = (message) => {
  if ('method' in message && message.method === 'initialize') protocolVersion = message.params?.['protocolVersion'];
  deliver?.(message);
};
