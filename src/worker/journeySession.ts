// The journey's simulated Claude Code session, from the session layer (src/mcp).
import { openSession } from '../mcp/index.js';
import type { McpConfig, McpSession, SessionOptions } from '../mcp/index.js';

export function openJourneySession(config: McpConfig, servers: string[], options: SessionOptions): Promise<McpSession> {
  return openSession(config, servers, options);
}
