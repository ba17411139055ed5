// The HTTP side: reads the request, routes it, runs one handler at a time (the real server holds its
// collection locks for the whole operation) and writes the response as Go's net/http would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asApiError } from './apiError.js';
import type { ApiContext } from './handlers/context.js';
import { requestId } from './requestId.js';
import { errorResponse, textResponse } from './response.js';
import type { ApiResponse } from './response.js';
import { route } from './router.js';

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Go sends a Content-Length with every response except 204 and empty replies to HEAD. */
function send(response: ServerResponse, { status, headers, body }: ApiResponse, method: string): void {
  const length = status === 204 || (method === 'HEAD' && body === '') ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
  response.writeHead(status, { ...headers, ...length });
  response.end(body);
}

export function createApiListener(context: ApiContext): (request: IncomingMessage, response: ServerResponse) => void {
  let queue: Promise<unknown> = Promise.resolve();

  async function handle(request: IncomingMessage): Promise<ApiResponse & { stamped?: boolean }> {
    const raw = request.url ?? '/';
    const queryAt = raw.indexOf('?');
    let path: string;
    try {
      path = decodeURIComponent(queryAt < 0 ? raw : raw.slice(0, queryAt));
    } catch {
      return textResponse(400, '400 Bad Request');
    }
    const match = route(request.method ?? 'GET', path, queryAt < 0 ? '' : raw.slice(queryAt + 1));
    const body = await readBody(request);
    if (match.kind === 'redirect') return { status: 301, headers: { Location: match.location }, body: '' };
    if (match.kind === 'methodNotAllowed') return { status: 405, headers: {}, body: '' };
    if (match.kind === 'notFound') return textResponse(404, '404 page not found\n');
    if ((request.headers['user-agent'] ?? '').startsWith('Mozilla/')) {
      return { ...textResponse(403, 'User agent not allowed\n'), stamped: true };
    }
    const run = queue.then(() => match.handler(context, match.params, body));
    queue = run.catch(() => undefined);
    try {
      return { ...(await run), stamped: true };
    } catch (error) {
      return { ...errorResponse(asApiError(error)), stamped: true };
    }
  }

  return (request, response) => {
    handle(request).then(
      ({ stamped, ...reply }) => {
        if (stamped) reply.headers = { ...reply.headers, 'X-Toxiproxy-Request-Id': requestId() };
        context.log('API request', { method: request.method ?? '', url: request.url ?? '', status: reply.status });
        send(response, reply, request.method ?? '');
      },
      (error: unknown) => send(response, errorResponse(asApiError(error)), request.method ?? ''),
    );
  };
}
