// The embedded stack (PostgreSQL, reference servers, fault proxies) runs only for the project's own
// server config: with any other `.mcp.json` the user's servers are already running somewhere.
import { resolve } from 'node:path';
import { resolveMcpConfigPath } from '../mcp/index.js';
import { startStack } from '../servers/stack.js';
import type { RunningStack } from '../servers/types.js';

export function isDefaultMcpConfig(configPath: string): boolean {
  return resolve(configPath) === resolve(resolveMcpConfigPath(undefined, {}));
}

/** undefined when the selected config is not the project default. */
export async function startStackFor(configPath: string): Promise<RunningStack | undefined> {
  if (!isDefaultMcpConfig(configPath)) return undefined;
  return startStack({ log: process.env['MCP_JOURNEYS_STACK_LOG'] ? (line) => process.stderr.write(`${line}\n`) : undefined });
}
