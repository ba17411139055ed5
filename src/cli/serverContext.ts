// The servers the CLI validates against: the active MCP configuration, and the names only the project's
// other configurations define (journeys needing those are skipped when run, not rejected).
import { existsSync } from 'node:fs';
import { configuredServers, resolveMcpConfigPath } from '../mcp/index.js';
import type { ValidationContext } from '../validate/types.js';

/** No server checks when no configuration was asked for and the default one does not exist. */
export function serverContext(option: string | undefined): ValidationContext {
  const path = resolveMcpConfigPath(option);
  if (option === undefined && !process.env['MCP_JOURNEYS_MCP_CONFIG'] && !existsSync(path)) return {};
  return configuredServers(path);
}
