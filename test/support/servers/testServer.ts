// A purpose-built MCP server for the runner's own tests: every outcome the session must tell apart
// (ok, tool error, unavailable, timeout, protocol error) can be provoked on demand, over any transport.
//   node --import tsx test/support/servers/testServer.ts --transport stdio|http|sse [--port 0] [--name x]
//   [--json-response] (http: answer POSTs with application/json instead of an event stream)
import { randomUUID } from 'node:crypto';
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListToolsRequestSchema, McpError,
  ReadResourceRequestSchema, type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';

const { values: opts } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    name: { type: 'string', default: 'test-server' },
    'json-response': { type: 'boolean', default: false },
  },
});
const transportKind = opts.transport;
if (transportKind !== 'stdio' && transportKind !== 'http' && transportKind !== 'sse') {
  process.stderr.write(`unknown --transport ${transportKind}; expected stdio, http or sse\n`);
  process.exit(2);
}
let sessionsOpened = 0;

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object' as const, properties, required });
const tools = [
  { name: 'echo', description: 'Returns its text as structured content and text', inputSchema: obj({ text: { type: 'string' } }, ['text']) },
  { name: 'add', description: 'a + b', inputSchema: obj({ a: { type: 'number' }, b: { type: 'number' } }, ['a', 'b']) },
  { name: 'fail', description: 'A tool error (isError: true); empty: with no content at all', inputSchema: obj({ message: { type: 'string' }, empty: { type: 'boolean' } }) },
  { name: 'slow', description: 'Answers after ms milliseconds', inputSchema: obj({ ms: { type: 'number' } }, ['ms']) },
  { name: 'hang', description: 'Never answers', inputSchema: obj({}) },
  { name: 'big', description: 'A text result of `bytes` bytes', inputSchema: obj({ bytes: { type: 'number' } }, ['bytes']) },
  { name: 'crash', description: 'The process exits mid-call', inputSchema: obj({}) },
  { name: 'bad', description: 'A protocol failure: a JSON-RPC error (mode jsonrpc) or a result that breaks the result schema (mode result)', inputSchema: obj({ mode: { type: 'string', enum: ['jsonrpc', 'result'] } }) },
  { name: 'forget', description: 'http/sse: the server drops this session (as a restart would), so the next request gets 404 Session not found', inputSchema: obj({}) },
  { name: 'count', description: 'Per-session counter: 1 on the first count call of each MCP session', inputSchema: obj({}) },
  {
    name: 'noise',
    description: 'Misbehaves on the wire instead of answering. not-json: a reply cut short (a line or body that is not JSON); not-jsonrpc: {"hello":1}; stray: a reply to an id nobody sent, then nothing; cut: half a reply, then the connection ends; http-500 (http, sse): an HTML error page',
    inputSchema: obj({ mode: { type: 'string', enum: ['not-json', 'not-jsonrpc', 'stray', 'cut', 'http-500'] }, stream: { type: 'boolean', description: 'http: as an event of an SSE reply stream, not a JSON body' } }, ['mode']),
  },
];
const NOISE_CALL = 'noise';
const STRAY_ID = 424242;

/** The bytes `noise` sends in place of its reply to request `id`. */
function noisePayload(mode: unknown, id: string | number): string {
  const reply = JSON.stringify({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'a reply that never ends' }] } });
  if (mode === 'not-jsonrpc') return '{"hello":1}';
  if (mode === 'stray') return JSON.stringify({ jsonrpc: '2.0', id: STRAY_ID, result: { content: [] } });
  return reply.slice(0, 60);
}

const HTML_500 = `<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body>${'<p>stack frame</p>\n'.repeat(200)}</body></html>\n`;

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : value === undefined ? fallback : JSON.stringify(value));
const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const never = (signal: AbortSignal) => new Promise<never>((_resolve, reject) => {
  signal.addEventListener('abort', () => { reject(new McpError(ErrorCode.RequestTimeout, 'cancelled')); }, { once: true });
});

/** Writes bytes to the client as this transport frames a message (`whole`: the framing is finished). */
type RawSend = (payload: string, whole: boolean) => void;
const stdoutRaw: RawSend = (payload, whole) => { process.stdout.write(whole ? `${payload}\n` : payload); };

/** One MCP session: its own Server, so `count` resets when a client starts a new session. */
function createSession(forget: () => void = () => undefined, raw: RawSend = stdoutRaw): Server {
  sessionsOpened += 1;
  let calls = 0;
  let counter = 0;
  let cancellations = 0;
  const server = new Server({ name: opts.name, version: '1.0.0' }, { capabilities: { tools: {}, resources: {} } });
  // Counted as they arrive, before the SDK looks up the request they name: a client that cancels requests
  // which have already ended shows up nowhere else.
  const connect = server.connect.bind(server);
  server.connect = async (transport) => {
    await connect(transport);
    const handle = transport.onmessage;
    transport.onmessage = (message, extra) => {
      if ('method' in message && message.method === 'notifications/cancelled') cancellations += 1;
      handle?.(message, extra);
    };
  };
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [{ uri: 'test://info', name: 'info', mimeType: 'application/json' }],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    if (request.params.uri !== 'test://info') throw new McpError(ErrorCode.InvalidParams, `Resource ${request.params.uri} not found`);
    const info = { name: opts.name, transport: transportKind, pid: process.pid, sessionsOpened, calls, cancellations };
    return { contents: [{ uri: 'test://info', mimeType: 'application/json', text: JSON.stringify(info) }] };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const args = request.params.arguments ?? {};
    calls += 1;
    // Lets a test see from outside that a call has reached the server (e.g. before it interrupts the run).
    const callLog = process.env['TEST_SERVER_CALL_LOG'];
    if (callLog) appendFileSync(callLog, `${request.params.name}\n`);
    switch (request.params.name) {
      case 'echo': {
        const value = str(args['text']);
        return { structuredContent: { text: value }, content: [{ type: 'text', text: JSON.stringify({ text: value }) }] };
      }
      case 'add': {
        const sum = Number(args['a']) + Number(args['b']);
        return { structuredContent: { sum }, content: [{ type: 'text', text: String(sum) }] };
      }
      case 'fail':
        if (args['empty'] === true) return { isError: true, content: [] };
        return { isError: true, content: [{ type: 'text', text: `Error calling tool 'fail': ${str(args['message'], 'failed')}` }] };
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, Number(args['ms'] ?? 0)));
        return text(`slept ${Number(args['ms'] ?? 0)} ms`);
      case 'hang':
        return never(extra.signal);
      case 'big':
        return text('x'.repeat(Math.max(0, Math.floor(Number(args['bytes'] ?? 0)))));
      case 'crash':
        setTimeout(() => process.exit(3), 10);
        return never(extra.signal);
      case 'bad':
        if (args['mode'] === 'result') {
          // Bypass the server's own result validation: answer the request id with a result whose content is
          // not an array, which the client's CallToolResultSchema rejects.
          await server.transport?.send({ jsonrpc: '2.0', id: extra.requestId, result: { content: 'not-an-array' } });
          return never(extra.signal);
        }
        throw new McpError(ErrorCode.InternalError, 'bad: deliberate JSON-RPC error');
      case 'forget':
        forget();
        return text('forgotten');
      case NOISE_CALL: {
        // http answers noise before the SDK sees the request (httpHandler): its reply is the POST response.
        const mode = args['mode'];
        const payload = noisePayload(mode, extra.requestId);
        if (mode === 'cut') {
          raw(payload, false);
          setTimeout(() => process.exit(3), 50);
        } else raw(payload, true);
        return never(extra.signal);
      }
      case 'count':
        counter += 1;
        return { structuredContent: { count: counter }, content: [{ type: 'text', text: String(counter) }] };
      default:
        throw new McpError(ErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
    }
  });
  return server;
}

function announce(port: number, path: string): void {
  const url = `http://127.0.0.1:${port}${path}`;
  process.stderr.write(`${JSON.stringify({ event: 'listening', port, url })}\n`);
  const readyFile = process.env['MCP_READY_FILE'];
  if (readyFile) {
    writeFileSync(`${readyFile}.tmp`, JSON.stringify({ pid: process.pid, port, url }));
    renameSync(`${readyFile}.tmp`, readyFile);
  }
}

function notFound(res: ServerResponse, message: string, status = 404): void {
  res.writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  return body ? JSON.parse(body) : undefined;
}

/** A tools/call of `noise` (its id and mode), else undefined. */
interface NoiseCall { id: string | number; mode: unknown; stream: boolean }

function noiseCall(body: unknown): NoiseCall | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as { method?: unknown; id?: unknown; params?: { name?: unknown; arguments?: { mode?: unknown; stream?: unknown } } };
  if (message.method !== 'tools/call' || message.params?.name !== NOISE_CALL) return undefined;
  const id = typeof message.id === 'number' || typeof message.id === 'string' ? message.id : 0;
  return { id, mode: message.params.arguments?.mode, stream: message.params.arguments?.stream === true };
}

/** Streamable HTTP answers a POST with its reply as the body: `noise` writes that body itself. */
function httpNoise(res: ServerResponse, call: NoiseCall): void {
  if (call.mode === 'http-500') return void res.writeHead(500, { 'content-type': 'text/html' }).end(HTML_500);
  const payload = noisePayload(call.mode, call.id);
  // The stream stays open, as a server still working on the reply would keep it.
  if (call.stream) return void res.writeHead(200, { 'content-type': 'text/event-stream' }).write(`event: message\ndata: ${payload}\n\n`);
  if (call.mode !== 'cut') return void res.writeHead(200, { 'content-type': 'application/json' }).end(payload);
  // Promises more bytes than it sends, then drops the connection.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(payload.length * 2) });
  res.write(payload, () => setTimeout(() => res.socket?.destroy(), 50));
}

/** Streamable HTTP on /mcp: a new session per initialize; an unknown session id gets 404 (as after a restart). */
function httpHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  return async (req, res) => {
    if (!req.url?.startsWith('/mcp')) return notFound(res, 'Not found');
    const id = req.headers['mcp-session-id'];
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const noise = noiseCall(body);
    if (noise) return httpNoise(res, noise);
    let transport = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!transport) {
      if (typeof id === 'string') return notFound(res, 'Session not found');
      if (req.method !== 'POST') return notFound(res, 'Bad Request: no session', 400);
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: opts['json-response'],
        onsessioninitialized: (sid) => { sessions.set(sid, created); },
      });
      const drop = () => { if (created.sessionId) sessions.delete(created.sessionId); };
      created.onclose = drop;
      await createSession(drop).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res, body);
  };
}

/** Legacy SSE: GET /sse opens a session and announces /messages?sessionId=…; an unknown id gets 404. */
function sseHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const sessions = new Map<string, SSEServerTransport>();
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      sessions.set(transport.sessionId, transport);
      const drop = () => { sessions.delete(transport.sessionId); };
      transport.onclose = drop;
      // Raw events go on the session's stream, as the SDK's own messages do.
      const raw: RawSend = (payload, whole) => { res.write(`event: message\ndata: ${payload}${whole ? '\n\n' : ''}`); };
      await createSession(drop, raw).connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = sessions.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) return notFound(res, 'Session not found');
      const body = await readBody(req);
      if (noiseCall(body)?.mode === 'http-500') return void res.writeHead(500, { 'content-type': 'text/html' }).end(HTML_500);
      await transport.handlePostMessage(req, res, body);
      return;
    }
    notFound(res, 'Not found');
  };
}

async function main(): Promise<void> {
  if (transportKind === 'stdio') {
    const transport: Transport = new StdioServerTransport();
    await createSession().connect(transport);
    return;
  }
  const handle = transportKind === 'http' ? httpHandler() : sseHandler();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) notFound(res, `Internal error: ${String(error)}`, 500);
    });
  });
  server.listen(Number(opts.port), opts.host, () => {
    announce((server.address() as AddressInfo).port, transportKind === 'http' ? '/mcp' : '/sse');
  });
  const stop = () => { server.closeAllConnections(); server.close(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
