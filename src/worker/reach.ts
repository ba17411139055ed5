// A journey goes through a server's fault proxy only when it faults that server. The proxy is a hop of
// its own (two, for stdio behind its relay), which Claude Code never has: a journey that faults nothing
// measures the server as Claude Code would reach it. Only proxies of the embedded Toxiproxy are skipped;
// a real one (TOXIPROXY_URL) can be faulted from outside the run, so everything goes through it.
import type { JourneyPlan, StepPlan } from '../compile/plan.js';
import type { McpConfig } from '../mcp/index.js';

function faultTargets(steps: StepPlan[], into: Set<string>): void {
  for (const step of steps) {
    if (step.kind === 'parallel' || step.kind === 'include') faultTargets(step.steps, into);
    // `<server>.db` is the server's database link; its MCP link stays as it is.
    if (step.kind === 'fault' && step.fault.op === 'add' && !step.fault.request.target.endsWith('.db')) into.add(step.fault.request.target);
  }
}

/** The servers whose MCP link a journey may fault: the targets of its `fault` steps, nested ones too. */
export function faultedServers(plan: JourneyPlan): Set<string> {
  const out = new Set<string>();
  for (const phase of [plan.setup, plan.test, plan.teardown]) faultTargets(phase.steps, out);
  return out;
}

/** The configuration with every server the journey does not fault reached without its proxy. */
export function reachFor(config: McpConfig, faulted: ReadonlySet<string>): McpConfig {
  const servers: McpConfig['servers'] = {};
  for (const [name, entry] of Object.entries(config.servers)) {
    const { unproxied, ...rest } = entry;
    if (!unproxied || faulted.has(name)) servers[name] = entry;
    else if (unproxied.relay) servers[name] = { ...rest, relay: unproxied.relay };
    else if (unproxied.url !== undefined) {
      const { configuredUrl: _proxied, ...direct } = rest;
      servers[name] = { ...direct, url: unproxied.url };
    } else servers[name] = entry;
  }
  return { ...config, servers };
}
