// A session against the purpose-built test server, over one transport, cleaned up by the caller's `close`.
import { openSession, type McpConfig, type OpenedSession, type ServerEntry, type SessionOptions } from '../../src/mcp/index.js';
import { startTestServer, testServerCommand, type RunningServer, type TestTransport } from '../support/servers/spawn.js';

export const transports: TestTransport[] = ['stdio', 'sse', 'http'];

export const FAST: SessionOptions = {
  callTimeoutMs: 15_000,
  startupTimeoutMs: 20_000,
  maxOutputTokens: 25_000,
  reconnect: { attempts: 3, initialDelayMs: 50, maxDelayMs: 150 },
};

export interface Harness {
  session: OpenedSession;
  /** The HTTP server process (none for stdio: the session owns that one). */
  server: RunningServer | undefined;
  entry: ServerEntry;
  /** Starts the HTTP server again on the same port, as a restart would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function harness(transport: TestTransport, options: Partial<SessionOptions> = {}): Promise<Harness> {
  let server = transport === 'stdio' ? undefined : await startTestServer({ transport });
  const entry: ServerEntry = transport === 'stdio'
    ? { name: 'test', type: 'stdio', ...testServerCommand() }
    : { name: 'test', type: transport, url: server?.url ?? '' };
  const config: McpConfig = { source: 'test/session/harness.ts', servers: { test: entry } };
  const session = await openSession(config, ['test'], { ...FAST, ...options });
  return {
    session,
    get server() { return server; },
    entry,
    restart: async () => {
      if (transport === 'stdio' || !server) return;
      server = await startTestServer({ transport, port: server.port });
    },
    close: async () => {
      await session.close();
      await server?.stop();
    },
  };
}
