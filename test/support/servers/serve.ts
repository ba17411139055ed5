// What the purpose-built MCP servers share: one Server per session over stdio, or over streamable HTTP on
// 127.0.0.1, announcing the port on stderr as the `listening` line spawn.ts waits for.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface ServeOptions {
  transport: string;
  port: string;
  /** Answer POSTs with plain JSON instead of an SSE stream. */
  jsonResponse?: boolean;
  /** A request the server answers itself, not as MCP (true when it did). */
  route?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Told when an HTTP session opens and when it closes. */
  sessions?: { opened(): void; closed(): void };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  return body ? JSON.parse(body) : undefined;
}

/** Serves `session()` until SIGTERM or SIGINT. Over HTTP an unknown session id is a 404, as the spec says,
 * so a client can tell a lost session; a request without one that is not a POST is a 400. */
export async function serve(session: () => Server, options: ServeOptions): Promise<HttpServer | undefined> {
  if (options.transport === 'stdio') {
    await session().connect(new StdioServerTransport());
    return undefined;
  }
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((req, res) => {
    void (async () => {
      if (options.route?.(req, res)) return;
      const id = req.headers['mcp-session-id'];
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      let transport = typeof id === 'string' ? sessions.get(id) : undefined;
      if (!transport) {
        if (typeof id === 'string' || req.method !== 'POST') {
          res.writeHead(typeof id === 'string' ? 404 : 400).end();
          return;
        }
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          enableJsonResponse: options.jsonResponse === true,
          onsessioninitialized: (sid) => { sessions.set(sid, created); options.sessions?.opened(); },
        });
        created.onclose = () => { if (created.sessionId && sessions.delete(created.sessionId)) options.sessions?.closed(); };
        await session().connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    })().catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  http.listen(Number(options.port), '127.0.0.1', () => {
    const port = (http.address() as AddressInfo).port;
    process.stderr.write(`${JSON.stringify({ event: 'listening', port, url: `http://127.0.0.1:${port}/mcp` })}\n`);
  });
  const stop = () => { http.closeAllConnections(); http.close(() => process.exit(0)); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return http;
}
