// Streamable HTTP written out by hand, so each way a real server may legally speak it can be chosen on
// its own (the SDK's server transport always does the same thing):
//   node --import tsx test/support/servers/variantServer.ts --transport http [--port 0]
//     [--stateless]                 no Mcp-Session-Id at all (every request stands alone)
//     [--get sse|404|405]           the optional standalone GET stream: kept open, or refused
//     [--reply json|sse]            a request's reply as an application/json body or as an event stream
//     [--ack 202|200-empty|200-text|200-json] how a notification (or a response to the server) is
//                                   acknowledged (200-json: an empty body that says it is JSON)
// Tools: echo, forget (stateful: the server drops the session and ends its GET streams, as a restart
// would), vanish (from then on
// every request gets 404, as from a proxy whose route went away), stats (what it saw).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    transport: { type: 'string', default: 'http' },
    port: { type: 'string', default: '0' },
    name: { type: 'string', default: 'variant-server' },
    stateless: { type: 'boolean', default: false },
    get: { type: 'string', default: 'sse' },
    reply: { type: 'string', default: 'json' },
    ack: { type: 'string', default: '202' },
  },
});
if (opts.transport !== 'http' || !['sse', '404', '405'].includes(opts.get) || !['json', 'sse'].includes(opts.reply) || !['202', '200-empty', '200-text', '200-json'].includes(opts.ack)) {
  process.stderr.write(`bad options ${JSON.stringify(opts)}\n`);
  process.exit(2);
}

interface Message { jsonrpc: '2.0'; id?: string | number; method?: string; params?: { name?: string; arguments?: Record<string, unknown> } }

const sessions = new Set<string>();
let vanished = false;
const streams = new Set<ServerResponse>();
/** What a test asks `stats` for: whether a client reconnected, and what it sent besides requests. */
const stats = { initializes: 0, gets: 0, getsWithSession: 0, notifications: [] as string[] };
const tools = [
  { name: 'echo', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
  { name: 'forget', inputSchema: { type: 'object', properties: {} } },
  { name: 'vanish', inputSchema: { type: 'object', properties: {} } },
  { name: 'stats', inputSchema: { type: 'object', properties: {} } },
];

const result = (id: Message['id'], value: unknown) => ({ jsonrpc: '2.0', id, result: value });
const json = (value: unknown) => ({ content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value });

function answer(message: Message, session: string | undefined): unknown {
  switch (message.method) {
    case 'initialize':
      return result(message.id, { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: opts.name, version: '1.0.0' } });
    case 'ping':
      return result(message.id, {});
    case 'tools/list':
      return result(message.id, { tools });
    case 'tools/call': {
      const name = message.params?.name;
      if (name === 'echo') return result(message.id, json({ text: message.params?.arguments?.['text'] }));
      if (name === 'vanish') vanished = true;
      if (name === 'vanish') return result(message.id, json({ vanished }));
      if (name === 'stats') return result(message.id, json(stats));
      if (name === 'forget' && session) sessions.delete(session);
      if (name === 'forget') for (const stream of streams) stream.end();
      if (name === 'forget') return result(message.id, json({ forgotten: session ?? null }));
      return { jsonrpc: '2.0', id: message.id, error: { code: -32602, message: `Tool ${String(name)} not found` } };
    }
    default:
      return { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } };
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }));
}

async function readJson(req: IncomingMessage): Promise<Message | Message[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Message | Message[];
}

async function post(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const messages = Array.isArray(body) ? body : [body];
  const sent = req.headers['mcp-session-id'];
  const initialize = messages.some((m) => m.method === 'initialize');
  let session = typeof sent === 'string' ? sent : undefined;
  if (!opts.stateless && !initialize) {
    if (session === undefined) return refuse(res, 400, 'Bad Request: no session id');
    if (!sessions.has(session)) return refuse(res, 404, 'Session not found');
  }
  if (initialize) {
    stats.initializes += 1;
    session = opts.stateless ? undefined : randomUUID();
    if (session) sessions.add(session);
  }
  const headers: Record<string, string> = session && !opts.stateless ? { 'mcp-session-id': session } : {};
  const requests = messages.filter((m) => m.method !== undefined && m.id !== undefined);
  for (const m of messages) if (m.id === undefined && m.method) stats.notifications.push(m.method);
  if (requests.length === 0) {
    if (opts.ack === '202') return void res.writeHead(202, headers).end();
    if (opts.ack === '200-empty') return void res.writeHead(200, headers).end();
    if (opts.ack === '200-json') return void res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end();
    return void res.writeHead(200, { ...headers, 'content-type': 'text/plain' }).end('ok');
  }
  const replies = requests.map((m) => answer(m, session));
  if (opts.reply === 'json') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(body) ? replies : replies[0]));
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const reply of replies) res.write(`event: message\nid: ${randomUUID()}\ndata: ${JSON.stringify(reply)}\n\n`);
  res.end();
}

function get(req: IncomingMessage, res: ServerResponse): void {
  stats.gets += 1;
  const session = req.headers['mcp-session-id'];
  if (typeof session === 'string') stats.getsWithSession += 1;
  if (opts.get === '404') return refuse(res, 404, 'Not Found');
  if (opts.get === '405') return void res.writeHead(405, { allow: 'POST' }).end();
  if (!opts.stateless && (typeof session !== 'string' || !sessions.has(session))) return refuse(res, 404, 'Session not found');
  // Kept open and silent: the server has nothing to say unprompted.
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }).write(': open\n\n');
  streams.add(res);
  res.once('close', () => streams.delete(res));
}

const server = createServer((req, res) => {
  if (!req.url?.startsWith('/mcp') || vanished) return refuse(res, 404, 'Not found');
  if (req.method === 'GET') return get(req, res);
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST' }).end();
  post(req, res).catch((error: unknown) => { if (!res.headersSent) refuse(res, 400, `Parse error: ${String(error)}`); });
});
server.listen(Number(opts.port), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stderr.write(`${JSON.stringify({ event: 'listening', port, url: `http://127.0.0.1:${port}/mcp` })}\n`);
});
const stop = (): void => { server.closeAllConnections(); server.close(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
