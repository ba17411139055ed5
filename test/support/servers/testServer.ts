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
  { name: 'fail', description: 'A tool error (isError: true)', inputSchema: obj({ message: { type: 'string' } }) },
  { name: 'slow', description: 'Answers after ms milliseconds', inputSchema: obj({ ms: { type: 'number' } }, ['ms']) },
  { name: 'hang', description: 'Never answers', inputSchema: obj({}) },
  { name: 'big', description: 'A text result of `bytes` bytes', inputSchema: obj({ bytes: { type: 'number' } }, ['bytes']) },
  { name: 'crash', description: 'The process exits mid-call', inputSchema: obj({}) },
  { name: 'bad', description: 'A protocol failure: a JSON-RPC error (mode jsonrpc) or a result that breaks the result schema (mode result)', inputSchema: obj({ mode: { type: 'string', enum: ['jsonrpc', 'result'] } }) },
  { name: 'forget', description: 'http/sse: the server drops this session (as a restart would), so the next request gets 404 Session not found', inputSchema: obj({}) },
  { name: 'count', description: 'Per-session counter: 1 on the first count call of each MCP session', inputSchema: obj({}) },
];

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : value === undefined ? fallback : JSON.stringify(value));
const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const never = (signal: AbortSignal) => new Promise<never>((_resolve, reject) => {
  signal.addEventListener('abort', () => { reject(new McpError(ErrorCode.RequestTimeout, 'cancelled')); }, { once: true });
});

/** One MCP session: its own Server, so `count` resets when a client starts a new session. */
function createSession(forget: () => void = () => undefined): Server {
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

/** Streamable HTTP on /mcp: a new session per initialize; an unknown session id gets 404 (as after a restart). */
function httpHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  return async (req, res) => {
    if (!req.url?.startsWith('/mcp')) return notFound(res, 'Not found');
    const id = req.headers['mcp-session-id'];
    const body = req.method === 'POST' ? await readBody(req) : undefined;
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
      await createSession(drop).connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = sessions.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) return notFound(res, 'Session not found');
      await transport.handlePostMessage(req, res, await readBody(req));
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
