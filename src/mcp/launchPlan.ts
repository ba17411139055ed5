// How the `.mcp.json` and the stack definition fit together: which servers the runner starts itself
// (every stdio server, since its client spawns it, and every server the definition gives a program) and
// which it only connects to.
import { displayPath, McpConfigError } from './mcpConfig.js';
import type { StackDefinition } from './stackDefinition.js';
import type { McpConfig, TransportKind } from './types.js';

export interface ServerTraits {
  transport: TransportKind;
  /** The runner starts it, so `server` steps can stop, start, restart and kill it. */
  launched: boolean;
}

/** Throws when the definition contradicts the configuration, naming the server and what to change. */
export function checkStack(config: McpConfig, stack: StackDefinition): void {
  for (const [name, launch] of Object.entries(stack.servers)) {
    const entry = config.servers[name];
    const fail = (message: string): never => { throw new McpConfigError(stack.source, `servers.${name}: ${message}`); };
    const source = displayPath(config.source);
    if (entry?.type === 'stdio' && launch.program) fail(`${name} is a stdio server in ${source}: its command is that entry's; remove "command"/"node" here`);
    if (entry && entry.type !== 'stdio' && !launch.program) fail(`${name} is served over ${entry.type} (${source}): give "command" or "node" to launch it`);
    if (!entry && !launch.program) fail(`${name} is not in ${source}; a background service needs "command" or "node"`);
  }
}

export function serverTraits(config: McpConfig, stack: StackDefinition | undefined): Record<string, ServerTraits> {
  const traits: Record<string, ServerTraits> = {};
  for (const [name, entry] of Object.entries(config.servers)) {
    traits[name] = { transport: entry.type, launched: entry.type === 'stdio' || stack?.servers[name]?.program !== undefined };
  }
  return traits;
}
