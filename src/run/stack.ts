// The embedded stack (PostgreSQL, reference servers, fault proxies) runs only for the project's own
// server config: with any other `.mcp.json` the user's servers are already running somewhere.
import { resolve } from 'node:path';
import { resolveMcpConfigPath } from '../mcp/index.js';
import type { RunningStack } from '../servers/types.js';

export function isDefaultMcpConfig(configPath: string): boolean {
  return resolve(configPath) === resolve(resolveMcpConfigPath(undefined, {}));
}

/** undefined when the selected config is not the project default. */
export function startStackFor(configPath: string): Promise<RunningStack | undefined> {
  if (!isDefaultMcpConfig(configPath)) return Promise.resolve(undefined);
  // Seam for src/servers: start the embedded stack here once it exists (its env expands fixtures/mcp.json).
  return Promise.resolve(undefined);
}
