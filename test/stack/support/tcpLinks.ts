// A link provider for tests: a plain TCP forwarder per link, with a log of what was asked of it.
import net from 'node:net';
import type { HostPort, LinkName, LinkProvider } from '../../../src/servers/types.js';

export interface RecordingLinks extends LinkProvider {
  made: { name: LinkName; upstream: HostPort; address: HostPort }[];
  closed: boolean;
  /** Connections each link forwarded so far. */
  connections: Map<LinkName, number>;
}

export function tcpLinks(): RecordingLinks {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const links: RecordingLinks = {
    made: [],
    closed: false,
    connections: new Map(),
    apiUrl: 'http://127.0.0.1:1/not-a-toxiproxy',
    link: async (name, upstream) => {
      const server = net.createServer((client) => {
        links.connections.set(name, (links.connections.get(name) ?? 0) + 1);
        const target = net.connect(upstream.port, upstream.host);
        for (const s of [client, target]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => { client.destroy(); target.destroy(); });
        }
        client.pipe(target).pipe(client);
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
      links.made.push({ name, upstream, address });
      return address;
    },
    close: async () => {
      links.closed = true;
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
  return links;
}
