// Every stack link through its own Toxiproxy proxy, named after what it reaches: the embedded server by
// default, a real Toxiproxy when TOXIPROXY_URL is set. On a shared (real) Toxiproxy the names carry a
// per-process prefix so parallel workers never touch each other's proxies.
import { connectToxiproxy, createFaultClient } from '../faults/client.js';
import type { HostPort, LinkName, LinkProvider } from './types.js';

export interface ToxiproxyLinksOptions {
  env?: NodeJS.ProcessEnv;
  /** Default: none on the embedded server (it is this process's own), `mcpj-<pid>-` on a real one. */
  prefix?: string;
}

function hostPort(listen: string): HostPort {
  const colon = listen.lastIndexOf(':');
  return { host: listen.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(listen.slice(colon + 1)) };
}

export async function toxiproxyLinks(options: ToxiproxyLinksOptions = {}): Promise<LinkProvider> {
  const connection = await connectToxiproxy(options.env ?? process.env);
  const client = createFaultClient(connection.url);
  const prefix = options.prefix ?? (connection.embedded ? '' : `mcpj-${process.pid}-`);
  const proxies: Record<LinkName, string> = {};
  let closing: Promise<void> | undefined;
  return {
    apiUrl: connection.url,
    ownProxies: connection.embedded,
    proxies,
    async link(name, upstream) {
      const proxy = `${prefix}${name}`;
      const state = await client.ensureProxy({ name: proxy, listen: '127.0.0.1:0', upstream: `${upstream.host}:${upstream.port}` });
      // A proxy left by an earlier run under the same name must not keep its toxics.
      await Promise.all(state.toxics.map((t) => client.removeToxic(proxy, t.name)));
      proxies[name] = proxy;
      return hostPort(state.listen);
    },
    close() {
      closing ??= (async () => {
        // The embedded server takes its proxies with it; a real one outlives us, so remove ours.
        if (!connection.embedded) await Promise.allSettled(Object.values(proxies).map((p) => client.removeProxy(p)));
        await connection.close();
      })();
      return closing;
    },
  };
}
