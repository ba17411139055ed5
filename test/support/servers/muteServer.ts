// A server that never answers: it reads every request (stdio) or accepts every connection and request
// (streamable HTTP, SSE) and says nothing, not even to `initialize`. For the journey timeout, which must
// name the step, the server and the connection attempts it was waiting on.
//   node --import tsx test/support/servers/muteServer.ts --transport stdio|http|sse [--port 0]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    transport: { type: 'string', default: 'stdio' },
    port: { type: 'string', default: '0' },
    // Accepted for the command line testServer.ts takes.
    name: { type: 'string', default: 'mute' },
  },
});

if (opts.transport === 'stdio') {
  // Gone with its client: the pipe closing is the only thing it listens to.
  process.stdin.on('data', () => undefined).on('end', () => process.exit(0));
} else if (opts.transport === 'http' || opts.transport === 'sse') {
  const held = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    // Held open and never written to; for SSE, no `endpoint` event ever comes.
    held.add(res);
    res.on('close', () => held.delete(res));
  });
  server.listen(Number(opts.port), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const path = opts.transport === 'sse' ? '/sse' : '/mcp';
    process.stderr.write(`${JSON.stringify({ event: 'listening', port, url: `http://127.0.0.1:${port}${path}` })}\n`);
  });
  const stop = (): void => {
    for (const res of held) res.destroy();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop).once('SIGINT', stop);
} else {
  process.stderr.write(`unknown --transport ${opts.transport}; expected stdio, http or sse\n`);
  process.exit(2);
}
