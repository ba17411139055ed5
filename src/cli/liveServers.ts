// The servers' own tool lists, for `validate --live` and `coverage --live`: connects the way a journey
// does (starting the embedded stack first when the project's own fixtures/mcp.json is selected) and asks
// each server for tools/list. Everything started here is stopped before returning.
import { resolve } from 'node:path';
import { EMBEDDED_MCP_CONFIG } from '../common/paths.js';
import { DEFAULT_SESSION_OPTIONS, loadMcpConfig, openSession } from '../mcp/index.js';
import type { McpSession } from '../mcp/index.js';
import { startStack } from '../servers/startStack.js';
import type { RunningStack } from '../servers/types.js';
import type { LiveServers, LiveTool } from '../validate/live.js';

function toolsOf(value: unknown): LiveTool[] {
  const tools = typeof value === 'object' && value !== null && 'tools' in value && Array.isArray(value.tools) ? (value.tools as unknown[]) : [];
  return tools.flatMap((t): LiveTool[] => (typeof t === 'object' && t !== null && 'name' in t && typeof t.name === 'string'
    ? [{ name: t.name, inputSchema: 'inputSchema' in t ? t.inputSchema : undefined }] : []));
}

/** `configPath`: the MCP configuration the command's settings resolved; `servers`: the names to ask
 * (default: every server of the configuration). */
export async function liveServers(configPath: string, servers?: string[], log: (line: string) => void = () => undefined): Promise<LiveServers> {
  const embedded = resolve(configPath) === EMBEDDED_MCP_CONFIG;
  let stack: RunningStack | undefined;
  let session: McpSession | undefined;
  try {
    if (embedded) {
      log('starting the embedded stack (PostgreSQL, codebase-mcp, workflow-mcp) to ask the servers for their tools…');
      stack = await startStack();
    }
    const config = stack?.mcpConfig ?? loadMcpConfig(configPath, process.env);
    const names = servers ?? Object.keys(config.servers);
    const options = { ...DEFAULT_SESSION_OPTIONS, reconnect: { ...DEFAULT_SESSION_OPTIONS.reconnect, attempts: 0 } };
    session = await openSession(config, names, options);
    const live: LiveServers = { tools: {}, unreachable: {} };
    await Promise.all(names.map(async (name) => {
      const listed = await session?.listTools(name, { timeoutMs: 15_000 });
      if (listed?.kind === 'ok') live.tools[name] = toolsOf(listed.value);
      else live.unreachable[name] = listed?.message ?? listed?.kind ?? 'no session';
    }));
    return live;
  } finally {
    await session?.close();
    await stack?.stop();
  }
}
