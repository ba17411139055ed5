// Typed stand-ins for what step executors see (src/worker/context.ts): a full RunContext with defaults, any
// member replaced through `overrides`. Each fake is checked against the real type, so a member added to
// RunContext or McpSession is a compile error here instead of a cast that silently lies.
import type { FaultClient } from '../../src/faults/client.js';
import type { ProxyState } from '../../src/faults/types.js';
import type { CallOutcome, McpSession } from '../../src/mcp/types.js';
import type { RunContext } from '../../src/worker/context.js';
import { JourneyFaults } from '../../src/worker/faults.js';
import { Scope } from '../../src/worker/variables.js';
import type { Builtins } from '../../src/worker/variables.js';

const here = { file: 'fake.journey.yaml', line: 1, column: 1 };

export function okOutcome(value: unknown = null): CallOutcome {
  return { kind: 'ok', value, latencyMs: 1, totalMs: 1, attempts: [] };
}

/** A session that answers every request `ok` and serves no servers. */
export function fakeSession(overrides: Partial<McpSession> = {}): McpSession {
  return {
    callTool: () => Promise.resolve(okOutcome()),
    readResource: () => Promise.resolve(okOutcome()),
    listTools: () => Promise.resolve(okOutcome({ tools: [] })),
    request: () => Promise.resolve(okOutcome({})),
    setRoots: () => Promise.resolve([]),
    roots: () => [],
    waitForNotification: () => Promise.resolve({ seen: [] }),
    info: () => [],
    close: () => Promise.resolve(),
    ...overrides,
  };
}

/** A real journey scope holding `variables` as the journey's own `vars`. */
export function fakeScope(variables: Record<string, unknown> = {}, builtins: Partial<Builtins> = {}): Scope {
  const scope = new Scope({ runId: 'fake-run', fixturesDir: 'fixtures', env: {}, ...builtins });
  for (const [name, value] of Object.entries(variables)) scope.save(name, { value, provenance: { origin: 'vars', location: here } });
  return scope;
}

/** A Toxiproxy that keeps its proxies in memory: enough for JourneyFaults to add and lift faults. */
export function fakeFaultClient(): FaultClient {
  const proxies = new Map<string, ProxyState>();
  const proxy = (name: string): ProxyState => {
    const found = proxies.get(name) ?? { name, listen: '127.0.0.1:0', upstream: '127.0.0.1:0', enabled: true, toxics: [] };
    proxies.set(name, found);
    return found;
  };
  return {
    url: 'http://127.0.0.1:8474',
    version: () => Promise.resolve('fake'),
    listProxies: () => Promise.resolve([...proxies.values()]),
    getProxy: (name) => Promise.resolve(proxies.get(name)),
    ensureProxy: (spec) => Promise.resolve(proxy(spec.name)),
    removeProxy: (name) => Promise.resolve(proxies.delete(name)),
    setEnabled: (name, enabled) => Promise.resolve(Object.assign(proxy(name), { enabled })),
    listToxics: (name) => Promise.resolve(proxy(name).toxics),
    addToxic: (name, spec) => {
      const toxic = { name: spec.name ?? `${spec.type}_${spec.stream ?? 'downstream'}`, type: spec.type, stream: spec.stream ?? 'downstream', toxicity: spec.toxicity ?? 1, attributes: spec.attributes ?? {} };
      proxy(name).toxics.push(toxic);
      return Promise.resolve(toxic);
    },
    updateToxic: (name, toxic) => {
      const found = proxy(name).toxics.find((t) => t.name === toxic);
      return found ? Promise.resolve(found) : Promise.reject(new Error(`no toxic ${toxic}`));
    },
    removeToxic: (name, toxic) => {
      const state = proxy(name);
      const before = state.toxics.length;
      state.toxics = state.toxics.filter((t) => t.name !== toxic);
      return Promise.resolve(state.toxics.length < before);
    },
    reset: () => {
      for (const state of proxies.values()) Object.assign(state, { enabled: true, toxics: [] });
      return Promise.resolve();
    },
  };
}

/** Real journey faults over the fake Toxiproxy, with a `down` fault in force for each label. */
export async function faultsInForce(labels: readonly string[]): Promise<JourneyFaults> {
  const faults = new JourneyFaults(fakeFaultClient(), { link: 'link_proxy' });
  for (const label of labels) await faults.add({ target: 'link', down: true, toxics: [], scope: { kind: 'until_clear' }, label }, {});
  return faults;
}

/** A RunContext in the test phase on a fake session, with every member the runner would set. */
export function fakeContext(overrides: Partial<RunContext> = {}): RunContext {
  return {
    session: fakeSession(),
    scope: fakeScope(),
    phase: 'test',
    signal: new AbortController().signal,
    records: [],
    sql: () => Promise.reject(new Error('a fake context has no databases')),
    openSessions: (count) => Promise.resolve(Array.from({ length: count }, () => fakeSession())),
    runStep: () => Promise.reject(new Error('a fake context runs no nested steps')),
    warn: () => undefined,
    baseUrl: () => undefined,
    defer: () => undefined,
    ...overrides,
  };
}
