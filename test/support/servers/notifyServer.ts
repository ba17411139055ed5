// A purpose-built MCP server that talks on its own: progress and log messages during a call, list_changed
// and resources/updated on demand or a while after a call has answered, and a slow call that counts the
// cancellations it gets. For the notification and cancellation tests.
//   node --import tsx test/support/servers/notifyServer.ts --transport stdio|http [--port 0] [--name x] [--json-response]
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListToolsRequestSchema, McpError, ReadResourceRequestSchema,
  SubscribeRequestSchema, UnsubscribeRequestSchema, type CallToolResult, type ServerNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { serve } from './serve.js';

const { values: opts } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: '0' },
    name: { type: 'string', default: 'notify-server' },
    'json-response': { type: 'boolean', default: false },
  },
});

const obj = (properties: Record<string, unknown>) => ({ type: 'object' as const, properties });
const tools = [
  { name: 'work', description: 'Sends `steps` progress notifications (when the call has a progressToken) and as many log messages, `delay` ms apart, then answers', inputSchema: obj({ steps: { type: 'number' }, delay: { type: 'number' }, log: { type: 'string' } }) },
  { name: 'touch', description: 'Sends tools/list_changed, resources/list_changed and resources/updated for `uri`, then answers', inputSchema: obj({ uri: { type: 'string' } }) },
  { name: 'later', description: 'Answers at once; `ms` later sends `method` (default notifications/resources/updated) with `uri`', inputSchema: obj({ ms: { type: 'number' }, method: { type: 'string' }, uri: { type: 'string' } }) },
  { name: 'slow', description: 'Answers after `ms` ms (default 10 s) unless cancelled first', inputSchema: obj({ ms: { type: 'number' } }) },
  { name: 'cancellations', description: 'How many notifications/cancelled this session got, and the last reason', inputSchema: obj({}) },
];

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new McpError(ErrorCode.RequestTimeout, 'cancelled')); }, { once: true });
});

function createSession(): Server {
  const server = new Server({ name: opts.name, version: '1.0.0' }, {
    capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true }, logging: {} },
  });
  const cancelled: { count: number; reason?: string } = { count: 0 };
  const connect = server.connect.bind(server);
  server.connect = async (transport) => {
    await connect(transport);
    const handle = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if ('method' in message && message.method === 'notifications/cancelled') {
        cancelled.count += 1;
        const reason = (message.params as { reason?: unknown } | undefined)?.reason;
        if (typeof reason === 'string') cancelled.reason = reason;
      }
      handle?.(message, extra);
    };
  };
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [{ uri: 'notify://state', name: 'state' }] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    await extra.sendNotification({ method: 'notifications/message', params: { level: 'debug', logger: 'resources', data: `read ${request.params.uri}` } });
    return { contents: [{ uri: request.params.uri, text: 'state' }] };
  });
  server.setRequestHandler(SubscribeRequestSchema, () => ({}));
  server.setRequestHandler(UnsubscribeRequestSchema, () => ({}));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const args = request.params.arguments ?? {};
    const send = (notification: ServerNotification) => extra.sendNotification(notification);
    switch (request.params.name) {
      case 'work': {
        const steps = Number(args['steps'] ?? 3);
        const delay = Number(args['delay'] ?? 10);
        const token = request.params._meta?.progressToken;
        for (let i = 1; i <= steps; i++) {
          if (token !== undefined) await send({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: steps, message: `step ${i} of ${steps}` } });
          await send({ method: 'notifications/message', params: { level: 'info', logger: 'work', data: `${typeof args['log'] === 'string' ? args['log'] : 'working'} ${i}` } });
          await sleep(delay, extra.signal);
        }
        return { structuredContent: { steps, token: token ?? null }, content: [{ type: 'text', text: JSON.stringify({ steps, token: token ?? null }) }] };
      }
      case 'touch': {
        const uri = typeof args['uri'] === 'string' ? args['uri'] : 'notify://state';
        await send({ method: 'notifications/tools/list_changed' });
        await send({ method: 'notifications/resources/list_changed' });
        await send({ method: 'notifications/resources/updated', params: { uri } });
        return text('touched');
      }
      case 'later': {
        const method = typeof args['method'] === 'string' ? args['method'] : 'notifications/resources/updated';
        const uri = typeof args['uri'] === 'string' ? args['uri'] : 'notify://state';
        // Not related to the request, which has ended: over HTTP it comes on the standalone GET stream.
        setTimeout(() => { void server.notification({ method, params: { uri } }).catch(() => undefined); }, Number(args['ms'] ?? 100));
        return text('later');
      }
      case 'slow':
        await sleep(Number(args['ms'] ?? 10_000), extra.signal);
        return text('slow done');
      case 'cancellations':
        return { structuredContent: { ...cancelled }, content: [{ type: 'text', text: JSON.stringify(cancelled) }] };
      default:
        throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
    }
  });
  return server;
}

await serve(createSession, { transport: opts.transport, port: opts.port, jsonResponse: opts['json-response'] });
