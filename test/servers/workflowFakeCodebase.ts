// A purpose-built codebase-mcp stand-in with only `get_code_chunks`, whose set of live chunk ids the test
// controls: enough to drive workflow-mcp's reference checks (valid, stale, partial, unreachable, restarted).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface FakeCodebase {
  /** Base URL, http://127.0.0.1:<port> (what CODEBASE_MCP_URL holds). */
  url: string;
  port: number;
  /** Chunk ids that currently exist. */
  chunks: Set<string>;
  /** get_code_chunks calls seen, with their chunk_ids. */
  calls: string[][];
  stop(): Promise<void>;
  /** Listen again on the same port with fresh sessions, as a restarted server would. */
  start(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? JSON.parse(text) as unknown : undefined;
}

export async function startFakeCodebase(): Promise<FakeCodebase> {
  const chunks = new Set<string>();
  const calls: string[][] = [];
  let sessions = new Map<string, StreamableHTTPServerTransport>();
  const session = (): McpServer => {
    const server = new McpServer({ name: 'codebase-mcp', version: 'fake' });
    server.registerTool('get_code_chunks', { description: 'Chunks by id', inputSchema: { chunk_ids: z.array(z.string()).describe('ids') } }, (args) => {
      calls.push(args.chunk_ids);
      const found = args.chunk_ids.filter((id) => chunks.has(id));
      const result = {
        chunks: found.map((id) => ({ chunk_id: id, file_path: 'src/auth.py', content: 'def authenticate(): ...', start_line: 1, end_line: 2 })),
        missing: args.chunk_ids.filter((id) => !chunks.has(id)),
      };
      return Promise.resolve({ content: [{ type: 'text' as const, text: JSON.stringify(result) }], structuredContent: result });
    });
    return server;
  };
  const make = (): Server => createServer((req, res) => {
    void (async () => {
      const id = req.headers['mcp-session-id'];
      const parsed = req.method === 'POST' ? await body(req) : undefined;
      const existing = typeof id === 'string' ? sessions.get(id) : undefined;
      if (typeof id === 'string' && !existing) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
        return;
      }
      if (existing) return existing.handleRequest(req, res, parsed);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (sid) => { sessions.set(sid, transport); } });
      await session().connect(transport);
      await transport.handleRequest(req, res, parsed);
    })().catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  let http = make();
  const listen = (port: number): Promise<number> => new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve((http.address() as AddressInfo).port));
  });
  const port = await listen(0);
  let running = true;
  return {
    url: `http://127.0.0.1:${port}`, port, chunks, calls,
    stop: async () => {
      if (!running) return;
      running = false;
      const old = sessions;
      sessions = new Map();
      await Promise.allSettled([...old.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
    start: async () => {
      if (running) return;
      http = make();
      await listen(port);
      running = true;
    },
  };
}
