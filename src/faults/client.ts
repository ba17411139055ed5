// The runner's only way to drive Toxiproxy (embedded or real): every call goes through
// toxiproxy-node-client, so whatever works here works against the Go server too.
import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client';
import type { Proxy } from 'toxiproxy-node-client';
import { messageOf } from '../common/messageOf.js';
import { parseProxies, parseProxy, parseToxic, parseToxics } from './parse.js';
import { startToxiproxyServer } from './server/index.js';
import { FaultError } from './types.js';
import type { ProxySpec, ProxyState, ToxicChange, ToxicSpec, ToxicState } from './types.js';

export interface FaultClient {
  readonly url: string;
  version(): Promise<string>;
  listProxies(): Promise<ProxyState[]>;
  getProxy(name: string): Promise<ProxyState | undefined>;
  /** Creates the proxy, or brings an existing one to the spec (enabled, same upstream and listen;
   * a listen port of 0 accepts whatever port it already has). */
  ensureProxy(spec: ProxySpec): Promise<ProxyState>;
  removeProxy(name: string): Promise<boolean>;
  /** down = disabled: the listener closes and live connections are cut; up binds the same address. */
  setEnabled(name: string, enabled: boolean): Promise<ProxyState>;
  listToxics(proxy: string): Promise<ToxicState[]>;
  addToxic(proxy: string, spec: ToxicSpec): Promise<ToxicState>;
  updateToxic(proxy: string, toxic: string, change: ToxicChange): Promise<ToxicState>;
  removeToxic(proxy: string, toxic: string): Promise<boolean>;
  /** Every proxy enabled, every toxic removed. */
  reset(): Promise<void>;
}

function statusOf(error: unknown): number | undefined {
  const match = error instanceof ToxiproxyError ? /status code (\d+)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

async function call<T>(what: string, url: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FaultError) throw error;
    const status = statusOf(error);
    const reason = messageOf(error);
    throw new FaultError(`Toxiproxy at ${url}: ${what} failed: ${reason}`, status);
  }
}

/** undefined for a 404, so "missing" is an answer rather than an error. */
async function unlessMissing<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FaultError && error.status === 404) return undefined;
    throw error;
  }
}

function portOf(listen: string): string {
  return listen.slice(listen.lastIndexOf(':') + 1);
}

export function createFaultClient(url: string): FaultClient {
  const base = url.replace(/\/+$/, '');
  const toxiproxy = new Toxiproxy(base);
  const api = toxiproxy.getApi();
  const path = (name: string) => `${base}/proxies/${encodeURIComponent(name)}`;
  const proxy = (name: string): Promise<Proxy> => call(`get proxy ${name}`, base, () => toxiproxy.get(encodeURIComponent(name)));

  const present = async (name: string): Promise<ProxyState> =>
    (await client.getProxy(name)) ?? Promise.reject(new FaultError(`Toxiproxy at ${base}: proxy ${name} vanished`, 404));

  const client: FaultClient = {
    url: base,
    version: () => call('version', base, async () => (await toxiproxy.getVersion()).trim()),
    listProxies: () => call('list proxies', base, async () => parseProxies((await api.get(`${base}/proxies`)).data)),
    getProxy: (name) => unlessMissing(() => call(`get proxy ${name}`, base, async () => parseProxy((await api.get(path(name))).data))),
    async ensureProxy({ name, listen, upstream }) {
      const existing = await client.getProxy(name);
      const sameListen = existing !== undefined && (existing.listen === listen || portOf(listen) === '0');
      if (existing?.enabled && sameListen && existing.upstream === upstream) return existing;
      await call(`${existing ? 'update' : 'create'} proxy ${name}`, base, async () => {
        if (!existing) await toxiproxy.createProxy({ name, listen, upstream });
        else await (await proxy(name)).update({ enabled: true, listen: sameListen ? existing.listen : listen, upstream });
      });
      return present(name);
    },
    removeProxy: async (name) =>
      (await unlessMissing(() => call(`remove proxy ${name}`, base, async () => (await proxy(name)).remove()).then(() => true))) ?? false,
    async setEnabled(name, enabled) {
      await call(`${enabled ? 'enable' : 'disable'} proxy ${name}`, base, async () => {
        const current = await proxy(name);
        await current.update({ enabled, listen: current.listen, upstream: current.upstream });
      });
      return present(name);
    },
    listToxics: (name) => call(`list toxics of ${name}`, base, async () => parseToxics((await api.get(`${path(name)}/toxics`)).data)),
    addToxic: (name, spec) =>
      call(`add ${spec.type} toxic to ${name}`, base, async () => {
        const stream = spec.stream ?? 'downstream';
        const body = { type: spec.type, stream, name: spec.name ?? `${spec.type}_${stream}`, toxicity: spec.toxicity ?? 1, attributes: spec.attributes ?? {} };
        return parseToxic((await (await proxy(name)).addToxic(body)).toJson());
      }),
    updateToxic: (name, toxicName, change) =>
      call(`update toxic ${toxicName} of ${name}`, base, async () => {
        const toxic = await (await proxy(name)).getToxic<Record<string, number>>(encodeURIComponent(toxicName));
        const body = { ...toxic.toJson(), attributes: { ...toxic.attributes, ...change.attributes }, toxicity: change.toxicity ?? toxic.toxicity };
        return parseToxic((await toxic.update(body)).toJson());
      }),
    removeToxic: async (name, toxicName) =>
      (await unlessMissing(() =>
        call(`remove toxic ${toxicName} of ${name}`, base, async () => {
          const toxic = await (await proxy(name)).getToxic(encodeURIComponent(toxicName));
          await toxic.remove();
          return true;
        }),
      )) ?? false,
    reset: () => call('reset', base, () => toxiproxy.reset()),
  };
  return client;
}

export interface ToxiproxyConnection {
  url: string;
  /** True when this process started the embedded server (TOXIPROXY_URL unset). */
  embedded: boolean;
  close(): Promise<void>;
}

/** A real Toxiproxy when TOXIPROXY_URL is set (left running on close), else the embedded one. */
export async function connectToxiproxy(env: NodeJS.ProcessEnv = process.env): Promise<ToxiproxyConnection> {
  const external = env['TOXIPROXY_URL']?.trim();
  if (external) return { url: external.replace(/\/+$/, ''), embedded: false, close: () => Promise.resolve() };
  const server = await startToxiproxyServer({ port: 0 });
  return { url: server.url, embedded: true, close: () => server.close() };
}
