// A purpose-built MCP server that tells what it was given: the `Authorization` header it was reached with
// (streamable HTTP), the value of an environment variable it was started with (stdio) and the arguments
// of the call, all inside plain text content, as a careless real server might. For the masking tests.
//   node --import tsx test/support/servers/echoServer.ts --transport stdio|http [--port 0] [--name x]
import { parseArgs } from 'node:util';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { serve } from './serve.js';

const { values: opts } = parseArgs({
  options: { transport: { type: 'string', default: 'stdio' }, port: { type: 'string', default: '0' }, name: { type: 'string', default: 'echo-server' } },
});

const tools = [{
  name: 'tell',
  description: 'Says which Authorization header, which value of the env variable `env` and which arguments it got (as a tool error with `refuse: true`)',
  inputSchema: { type: 'object' as const, properties: { env: { type: 'string' }, refuse: { type: 'boolean' } } },
}];

function session(): Server {
  const server = new Server({ name: opts.name, version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra): CallToolResult => {
    const args = request.params.arguments ?? {};
    const seen: string[] = [];
    const authorization = extra.requestInfo?.headers['authorization'];
    // The header, and its credentials alone (no `Bearer ` before them to give them away).
    if (typeof authorization === 'string') seen.push(`Authorization=${authorization}`, `credentials=${authorization.split(' ').pop() ?? ''}`);
    const name = args['env'];
    if (typeof name === 'string') seen.push(`${name}=${process.env[name] ?? ''}`);
    for (const [key, value] of Object.entries(args)) if (key !== 'env' && key !== 'refuse') seen.push(`${key}=${String(value)}`);
    // `refuse`: the same, as a tool error.
    return { ...(args['refuse'] === true ? { isError: true } : {}), content: [{ type: 'text', text: `seen ${seen.join(' ')}` }] };
  });
  return server;
}

await serve(session, { transport: opts.transport, port: opts.port });
