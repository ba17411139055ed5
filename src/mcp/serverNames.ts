// What validation needs from the MCP configurations: server names and declared tools. `${VAR}` values do
// not matter for that, so they are expanded against a stand-in environment that never fails.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkStack, serverTraits, type ServerTraits } from './launchPlan.js';
import { defaultConfig, loadMcpConfig } from './mcpConfig.js';
import { loadStackDefinition, resolveStackPath } from './stackDefinition.js';

type Servers = Record<string, { tools?: string[] } & Partial<ServerTraits>>;

/** Any variable reads as "1", so `${PORT}` in a URL still makes a valid URL. */
const ANY_ENV = new Proxy({}, { get: () => '1' }) as Record<string, string>;

/** The servers of a configuration, their tools, transport, and whether its stack definition launches them. */
export function serverNames(configPath: string, active = true): Servers {
  const config = loadMcpConfig(configPath, ANY_ENV);
  // MCP_JOURNEYS_STACK belongs to the active configuration; the others are read for their names.
  const stackPath = active ? resolveStackPath(configPath) : undefined;
  const stack = stackPath === undefined ? undefined : loadStackDefinition(stackPath, ANY_ENV);
  if (stack) checkStack(config, stack);
  const traits = serverTraits(config, stack);
  const servers: Servers = {};
  for (const [name, entry] of Object.entries(config.servers)) servers[name] = { ...(entry.tools ? { tools: entry.tools } : {}), ...traits[name] };
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
    for (const [name, entry] of Object.entries(serverNames(other, false))) if (!(name in servers)) elsewhere[name] ??= entry;
  }
  return { servers, elsewhere };
}

/** The servers of `required` the active configuration does not define, in order. */
export function missingServers(required: readonly string[], active: Readonly<Record<string, unknown>>): string[] {
  return required.filter((name) => !(name in active));
}
