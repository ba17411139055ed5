// The servers the CLI validates against: the active MCP configuration, and the names only the project's
// other configurations define (journeys needing those are skipped when run, not rejected).
import { configuredServers } from '../mcp/index.js';
import type { ValidationContext } from '../validate/types.js';

/** `mcpConfig`: the path the command's settings resolved (src/cli/settings.ts). */
export function serverContext(mcpConfig: string): ValidationContext {
  return configuredServers(mcpConfig);
}
