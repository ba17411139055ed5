// The stack of the active MCP configuration: what its stack definition says to launch (the project's
// own fixtures/mcp.json launches the reference stand-ins), stdio servers behind their relay, and every
// link through Toxiproxy, so `fault` steps reach any of them.
import { createFaultClient } from '../faults/client.js';
import { loadMcpConfig } from '../mcp/index.js';
import { loadStackDefinition, resolveStackPath } from '../mcp/stackDefinition.js';
import { launchStack } from '../servers/launchStack.js';
import { toxiproxyLinks } from '../servers/toxiproxyLinks.js';
import type { RunningStack } from '../servers/types.js';
import { maskText } from '../report/mask.js';
import { JourneyFaults } from './faults.js';
import { StackServers } from './serverControl.js';

export async function startStackFor(configPath: string): Promise<RunningStack> {
  const config = loadMcpConfig(configPath, process.env);
  const stackPath = resolveStackPath(configPath);
  const definition = stackPath === undefined ? undefined : loadStackDefinition(stackPath, process.env);
  const links = await toxiproxyLinks();
  const log = process.env['MCP_JOURNEYS_STACK_LOG'] ? (line: string) => process.stderr.write(`${maskText(line)}\n`) : undefined;
  // Ctrl-C reaches the worker too, but Playwright ignores it there and ends the test itself, teardown
  // steps and fixtures in order: the servers must still be up for them.
  return launchStack(config, definition, { links, signals: ['SIGTERM', 'SIGHUP'], ...(log ? { log } : {}) });
}

/** What a journey may do to the stack: its faults (fresh per journey) and its launched servers. */
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
