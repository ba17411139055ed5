// A session against the purpose-built test server, over one transport, cleaned up by the caller's `close`.
import { openSession, type McpConfig, type OpenedSession, type ServerEntry, type SessionOptions } from '../../src/mcp/index.js';
import { StdioHost } from '../../src/servers/stdioHost.js';
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

/** `stdio-relay`: the stdio server behind the stdio host, as the worker reaches every stdio server. */
export type HarnessTransport = TestTransport | 'stdio-relay';

export async function harness(transport: HarnessTransport, options: Partial<SessionOptions> = {}): Promise<Harness> {
  let server = transport === 'stdio' || transport === 'stdio-relay' ? undefined : await startTestServer({ transport });
  const host = transport === 'stdio-relay' ? new StdioHost({ name: 'test', ...testServerCommand(), env: {}, stopGraceMs: 2000 }) : undefined;
  const relay = host ? { ...(await host.listen()), stderr: () => host.stderr() } : undefined;
  const entry: ServerEntry = transport === 'stdio' || transport === 'stdio-relay'
    ? { name: 'test', type: 'stdio', ...testServerCommand(), ...(relay ? { relay } : {}) }
    : { name: 'test', type: transport, url: server?.url ?? '' };
  const config: McpConfig = { source: 'test/session/harness.ts', servers: { test: entry } };
  const session = await openSession(config, ['test'], { ...FAST, ...options });
  return {
    session,
    get server() { return server; },
    entry,
    restart: async () => {
      if (transport === 'stdio' || transport === 'stdio-relay' || !server) return;
      server = await startTestServer({ transport, port: server.port });
    },
    close: async () => {
      await session.close();
      await server?.stop();
      await host?.close();
    },
  };
}
