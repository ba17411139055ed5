// What validation needs from the MCP configuration: server names and declared tools. `${VAR}` values do
// not matter for that, so they are expanded against a stand-in environment that never fails.
import { existsSync } from 'node:fs';
import { loadMcpConfig, resolveMcpConfigPath } from '../mcp/index.js';
import type { ValidationContext } from '../validate/types.js';

/** Any variable reads as "1", so `${PORT}` in a URL still makes a valid URL. */
const ANY_ENV = new Proxy({}, { get: () => '1' }) as Record<string, string>;

/** undefined when no configuration was asked for and the default one does not exist. */
export function serverContext(option: string | undefined): ValidationContext {
  const path = resolveMcpConfigPath(option);
  if (option === undefined && !process.env['MCP_JOURNEYS_MCP_CONFIG'] && !existsSync(path)) return {};
  const config = loadMcpConfig(path, ANY_ENV);
  const servers: Record<string, { tools?: string[] }> = {};
  for (const [name, entry] of Object.entries(config.servers)) servers[name] = entry.tools ? { tools: entry.tools } : {};
  return { servers };
}
