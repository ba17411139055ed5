// A purpose-built streamable HTTP MCP server with a known capacity: `work` takes `ms` and answers with a
// tool error while more than `--limit` calls are in flight at once, so a breaking_point load must break
// just above the limit. GET /stats says how many MCP sessions and TCP connections are open (and how
// many were opened, and the most calls ever in flight), for checking that a churning client leaves none.
// `--slower F` makes it a machine F times slower: `ping` (30 ms here) and `work` both take F times as
// long; `--work-slower F` slows `work` alone, as a server that got slower. For the calibrated gate.
//   node --import tsx test/support/servers/limitServer.ts --transport http [--port 0] [--limit 4] [--slower 1] [--work-slower 1]
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, PingRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { serve } from './serve.js';

const { values: opts } = parseArgs({
  options: { transport: { type: 'string', default: 'http' }, port: { type: 'string', default: '0' }, name: { type: 'string', default: 'limit-server' }, limit: { type: 'string', default: '4' }, slower: { type: 'string', default: '1' }, 'work-slower': { type: 'string', default: '1' } },
});
const limit = Number(opts.limit);
const machine = Number(opts.slower);
const workFactor = machine * Number(opts['work-slower']);
const PING_MS = 30;
const stats = { open_sessions: 0, sessions_opened: 0, open_connections: 0, connections_opened: 0, in_flight: 0, peak_in_flight: 0 };

const tools = [
  { name: 'work', description: `Takes ms milliseconds; a tool error while more than ${limit} calls are in flight`, inputSchema: { type: 'object' as const, properties: { ms: { type: 'number' } } } },
  { name: 'refuse', description: 'Always a tool error', inputSchema: { type: 'object' as const, properties: {} } },
];

async function work(ms: number): Promise<CallToolResult> {
  stats.in_flight++;
  stats.peak_in_flight = Math.max(stats.peak_in_flight, stats.in_flight);
  try {
    if (stats.in_flight > limit) return { isError: true, content: [{ type: 'text', text: `busy: ${stats.in_flight} calls at once, the limit is ${limit}` }] };
    await sleep(ms * workFactor);
    return { content: [{ type: 'text', text: 'done' }] };
  } finally {
    stats.in_flight--;
  }
}

function session(): Server {
  const server = new Server({ name: opts.name, version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(PingRequestSchema, async () => { await sleep(PING_MS * machine); return {}; });
  server.setRequestHandler(CallToolRequestSchema, (request): Promise<CallToolResult> | CallToolResult => {
    if (request.params.name === 'refuse') return { isError: true, content: [{ type: 'text', text: 'refused' }] };
    const ms = request.params.arguments?.['ms'];
    return work(typeof ms === 'number' ? ms : 20);
  });
  return server;
}

const http = await serve(session, {
  transport: 'http',
  port: opts.port,
  route: (req, res) => {
    if (req.url !== '/stats') return false;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    return true;
  },
  sessions: { opened: () => { stats.open_sessions++; stats.sessions_opened++; }, closed: () => { stats.open_sessions--; } },
});
http?.on('connection', (socket) => {
  stats.open_connections++;
  stats.connections_opened++;
  socket.once('close', () => { stats.open_connections--; });
});
