// `record --url <server>`: a local HTTP proxy in front of a streamable HTTP (or legacy SSE) server, for
// Claude Code's `.mcp.json` to point at. Requests and responses are relayed as bytes (only Host names
// the upstream, as the server expects); a copy of each JSON-RPC message is kept, from JSON bodies and
// from event streams as they flow. It records until Ctrl-C or SIGTERM.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createParser } from 'eventsource-parser';
import { SECRET_KEY } from '../report/secrets.js';
import { now, type SessionFile } from './recordStore.js';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function forwardHeaders(headers: IncomingHttpHeaders, host?: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  if (host) out['host'] = host;
  return out;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function keepSecrets(headers: IncomingHttpHeaders, store: SessionFile): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_KEY.test(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      store.secret(v);
      store.secret(/^\S+\s+(\S.*)$/.exec(v)?.[1]);
    }
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function recordHttp(upstream: URL, port: number, name: string, store: SessionFile, log: (line: string) => void): Promise<number> {
  const server = createServer((req, res) => relay(req, res, upstream, store, log));
  return new Promise((resolve) => {
    server.once('error', (error) => {
      log(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
      resolve(1);
    });
    server.listen(port, '127.0.0.1', () => {
      const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}${upstream.search}`;
      process.stdout.write(`${local}\n`);
      const type = /\/sse\/?$/.test(upstream.pathname) ? 'sse' : 'http';
      log(`recording ${name} (${upstream.href}) at ${local}; stop with Ctrl-C to write the journey`);
      log(`in .mcp.json: "${name}": { "type": "${type}", "url": "${local}" }`);
    });
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.closeAllConnections();
      server.close(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function relay(req: IncomingMessage, res: ServerResponse, upstream: URL, store: SessionFile, log: (line: string) => void): void {
  const sent = now();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const target = new URL(req.url ?? '/', upstream);
    keepSecrets(req.headers, store);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstreamReq = send(target, { method: req.method, headers: { ...forwardHeaders(req.headers, target.host), 'content-length': String(body.length) } }, (upRes) => {
      // The session a message belongs to: streamable HTTP names it in a header (the server's, on
      // initialize), legacy SSE in the query of its message endpoint.
      let session = header(req.headers, 'mcp-session-id') ?? header(upRes.headers, 'mcp-session-id') ?? target.searchParams.get('sessionId') ?? '-';
      if (body.length > 0) {
        const message = parsed(body.toString('utf8'));
        if (message !== undefined) store.message('client', session, message, sent);
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, forwardHeaders(upRes.headers));
      res.flushHeaders();
      const type = header(upRes.headers, 'content-type') ?? '';
      const decoded = decode(upRes, header(upRes.headers, 'content-encoding'));
      if (type.includes('text/event-stream')) {
        const parser = createParser({
          onEvent: (event) => {
            if (event.event === 'endpoint') {
              session = new URL(event.data, target).searchParams.get('sessionId') ?? session;
              return;
            }
            const message = parsed(event.data);
            if (message !== undefined) store.message('server', session, message);
          },
        });
        decoded.on('data', (chunk: Buffer) => parser.feed(chunk.toString('utf8')));
      } else if (type.includes('json')) {
        const parts: Buffer[] = [];
        decoded.on('data', (chunk: Buffer) => parts.push(chunk));
        decoded.on('end', () => {
          const message = parsed(Buffer.concat(parts).toString('utf8'));
          if (message !== undefined) store.message('server', session, message);
        });
      }
      decoded.on('error', () => undefined);
      upRes.pipe(res);
      res.on('close', () => upRes.destroy());
    });
    upstreamReq.on('error', (error) => {
      log(`${req.method ?? 'GET'} ${target.href}: ${error.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`mcp-journeys record: cannot reach ${target.origin}: ${error.message}\n`);
    });
    // A client that went away mid-answer: the upstream request goes too.
    res.on('close', () => { if (!res.writableFinished) upstreamReq.destroy(); });
    upstreamReq.end(body);
  });
}

/** The copy kept for the recording, decompressed; the client gets the bytes as they were. */
function decode(res: IncomingMessage, encoding: string | undefined): Readable {
  const decoder = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return res;
  res.on('data', (chunk: Buffer) => decoder.write(chunk));
  res.on('end', () => decoder.end());
  return decoder;
}
