// `mcp-journeys replay --recording <file.recording.json> [--server <name>]`: a recorded server served over
// stdio, for Claude Code's `.mcp.json` or any MCP client. `"type": "replay"` in an MCP configuration runs
// this very command.
import { parseArgs } from 'node:util';
import { messageOf } from '../common/messageOf.js';
import { loadReplay, serveReplay } from '../mcp/replayServer.js';

const USAGE = `Usage: mcp-journeys replay --recording <file.recording.json> [--server <name>]

Serves a server recorded by "mcp-journeys record" over stdio: each request is answered with the
recorded answer to the same method and params (a request recorded several times gets its answers in
order), and any other request with a JSON-RPC error naming it. --server picks one server of a
recording that holds several (default: the only one).
`;

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, options: { recording: { type: 'string' }, server: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    process.stderr.write(`mcp-journeys replay: ${messageOf(error).split('\n')[0] ?? ''}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.recording === undefined) {
    process.stderr.write(`mcp-journeys replay: --recording <file> is required\n\n${USAGE}`);
    return 2;
  }
  const replay = loadReplay(values.recording, values.server);
  if (typeof replay === 'string') {
    process.stderr.write(`mcp-journeys replay: ${replay}\n`);
    return 2;
  }
  await serveReplay(replay);
  return 0;
}
