// What validation needs from the MCP configurations: server names and declared tools. `${VAR}` values do
// not matter for that, so they are expanded against a stand-in environment that never fails.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig, loadMcpConfig } from './mcpConfig.js';

type Servers = Record<string, { tools?: string[] }>;

/** Any variable reads as "1", so `${PORT}` in a URL still makes a valid URL. */
const ANY_ENV = new Proxy({}, { get: () => '1' }) as Record<string, string>;

export function serverNames(configPath: string): Servers {
  const servers: Servers = {};
  for (const [name, entry] of Object.entries(loadMcpConfig(configPath, ANY_ENV).servers)) servers[name] = entry.tools ? { tools: entry.tools } : {};
  return servers;
}

/**
 * The active configuration's servers, and those only the project's other configurations define (the
 * embedded default's among them). A journey needing one of the latter is skipped, not rejected: the
 * configuration in force is a subset, while a name no configuration knows is a typo.
 */
export function configuredServers(activePath: string, otherPaths: readonly string[] = [defaultConfig]): { servers: Servers; elsewhere: Servers } {
  const servers = serverNames(activePath);
  const elsewhere: Servers = {};
  for (const other of otherPaths) {
    if (resolve(other) === resolve(activePath) || !existsSync(other)) continue;
    for (const [name, entry] of Object.entries(serverNames(other))) if (!(name in servers)) elsewhere[name] ??= entry;
  }
  return { servers, elsewhere };
}

/** The servers of `required` the active configuration does not define, in order. */
export function missingServers(required: readonly string[], active: Readonly<Record<string, unknown>>): string[] {
  return required.filter((name) => !(name in active));
}
