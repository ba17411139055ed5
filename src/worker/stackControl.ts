// The embedded stack (PostgreSQL, reference servers, fault proxies) runs only for the project's own
// server config: with any other `.mcp.json` the user's servers are already running somewhere.
import { resolve } from 'node:path';
import { createFaultClient } from '../faults/client.js';
import { resolveMcpConfigPath } from '../mcp/index.js';
import { startStack } from '../servers/startStack.js';
import { toxiproxyLinks } from '../servers/toxiproxyLinks.js';
import type { RunningStack } from '../servers/types.js';
import { JourneyFaults } from './faults.js';
import { StackServers } from './serverControl.js';

export function isDefaultMcpConfig(configPath: string): boolean {
  return resolve(configPath) === resolve(resolveMcpConfigPath(undefined, {}));
}

/** undefined when the selected config is not the project default. */
export async function startStackFor(configPath: string): Promise<RunningStack | undefined> {
  if (!isDefaultMcpConfig(configPath)) return undefined;
  // Every link through Toxiproxy, so `fault` steps can reach any of them.
  const links = await toxiproxyLinks();
  return startStack({ links, log: process.env['MCP_JOURNEYS_STACK_LOG'] ? (line) => process.stderr.write(`${line}\n`) : undefined });
}

/** What a journey may do to the embedded stack: its faults (fresh per journey) and its servers. */
export interface StackControl {
  faults: JourneyFaults | undefined;
  servers: StackServers;
  /** Whether a fault is active or a server is down. */
  dirty(): boolean;
  /** The stack is stopping (the run was interrupted): nothing should be started or waited on. */
  stopping(): boolean;
  /** Every fault lifted and every proxy swept clean, then every server running again. */
  reset(): Promise<void>;
}

export function stackControl(stack: RunningStack | undefined): StackControl | undefined {
  if (!stack) return undefined;
  const faults = stack.toxiproxyUrl && stack.proxies ? new JourneyFaults(createFaultClient(stack.toxiproxyUrl), stack.proxies) : undefined;
  const servers = new StackServers(stack.servers);
  return {
    faults,
    servers,
    stopping: () => stack.stopping,
    dirty: () => !stack.stopping && ((faults?.labels().length ?? 0) > 0 || !servers.allRunning()),
    // Faults first: a server cannot start while its database link is down. A stack already stopping
    // (Ctrl-C reached the worker) is left to stop: restarting servers then would only orphan them.
    async reset() {
      if (stack.stopping) return;
      let first: Error | undefined;
      const keep = (e: unknown) => { first ??= e instanceof Error ? e : new Error(String(e)); };
      await faults?.clearAll().catch(keep);
      await servers.restore().catch(keep);
      if (first) throw first;
    },
  };
}
