// `mcp-journeys toxiproxy [--host 127.0.0.1] [--port 8474]`: the embedded Toxiproxy server in the
// foreground, for any Toxiproxy client or CLI. Logs to stderr; Ctrl-C or SIGTERM stops it cleanly.
import { parseArgs } from 'node:util';
import { messageOf } from '../common/messageOf.js';
import { startToxiproxyServer, stderrLogger, TOXIPROXY_VERSION } from '../faults/server/index.js';

const USAGE = `Usage: mcp-journeys toxiproxy [--host 127.0.0.1] [--port 8474]

Runs a server that speaks the Toxiproxy ${TOXIPROXY_VERSION} HTTP API (proxies, toxics, populate, reset)
until interrupted. Point toxiproxy-cli, toxiproxy-node-client or TOXIPROXY_URL at it.
`;

export async function run(args: string[]): Promise<number> {
  let options: { host?: string; port?: string; help?: boolean };
  try {
    options = parseArgs({
      args,
      options: { host: { type: 'string' }, port: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = Number(options.port ?? '8474');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number (0-65535), got ${options.port ?? ''}\n`);
    return 2;
  }
  const log = stderrLogger();
  let server;
  try {
    server = await startToxiproxyServer({ host: options.host ?? '127.0.0.1', port, log });
  } catch (error) {
    process.stderr.write(`Cannot start the Toxiproxy server: ${messageOf(error)}\n`);
    return 1;
  }
  const stopped = server;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log('Caught signal, shutting down', { signal });
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await stopped.close();
  log('Shutdown complete');
  return 0;
}
