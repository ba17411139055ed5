// An embedded server that speaks the Toxiproxy 2.x HTTP API, for machines without the Go binary.
import { createServer } from 'node:http';
import type { Logger } from './logger.js';
import { silent } from './logger.js';
import { createApiListener } from './httpApi.js';
import { ProxyCollection } from './proxyCollection.js';

export { TOXIPROXY_VERSION } from './handlers/version.js';
export type { Logger } from './logger.js';
export { stderrLogger } from './logger.js';

export interface ToxiproxyServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8474 (the real server's); 0 picks a free port. */
  port?: number;
  log?: Logger;
}

export interface ToxiproxyServer {
  url: string;
  port: number;
  /** Stops the API and every proxy listener and connection. */
  close(): Promise<void>;
}

export async function startToxiproxyServer(options: ToxiproxyServerOptions = {}): Promise<ToxiproxyServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silent;
  const proxies = new ProxyCollection();
  const http = createServer(createApiListener({ proxies, log }));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ host, port: options.port ?? 8474 }, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8474);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log('Starting Toxiproxy HTTP server', { address: url });
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeAllConnections();
        await proxies.clear();
        await stopped;
      })();
      return closing;
    },
  };
}
