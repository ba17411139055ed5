// A proxy in front of a test upstream, with toxics added over the API, for behaviour tests.
import type { ToxiproxyTarget, ProxyNames } from './target.js';
import { request } from './http.js';
import { connectTo } from './tcp.js';
import type { Client, Upstream } from './tcp.js';

export interface Proxied {
  name: string;
  listen: string;
  addToxic(toxic: Record<string, unknown>): Promise<void>;
  removeToxic(name: string): Promise<void>;
  connect(): Promise<Client>;
}

export async function proxied(toxiproxy: ToxiproxyTarget, names: ProxyNames, upstream: Upstream): Promise<Proxied> {
  const name = names.next();
  const created = await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: upstream.address });
  if (created.status !== 201) throw new Error(`create proxy: ${created.status} ${created.text}`);
  const { listen } = created.json() as { listen: string };
  return {
    name,
    listen,
    async addToxic(toxic) {
      const reply = await request(toxiproxy.url, 'POST', `/proxies/${name}/toxics`, toxic);
      if (reply.status !== 200) throw new Error(`add toxic: ${reply.status} ${reply.text}`);
    },
    async removeToxic(toxic) {
      const reply = await request(toxiproxy.url, 'DELETE', `/proxies/${name}/toxics/${toxic}`);
      if (reply.status !== 204) throw new Error(`remove toxic: ${reply.status} ${reply.text}`);
    },
    connect: () => connectTo(listen, toxiproxy.host),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
