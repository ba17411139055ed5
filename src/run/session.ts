// The journey's simulated Claude Code session, from the session layer (src/mcp).
import type { McpConfig, McpSession, SessionOptions } from '../mcp/index.js';

export function openJourneySession(config: McpConfig, servers: string[], options: SessionOptions): Promise<McpSession> {
  // Seam until src/mcp exports openSession.
  void config; void servers; void options;
  return Promise.reject(new Error('the MCP session layer (src/mcp openSession) is not available yet'));
}
