// The Toxiproxy under test: the embedded server (one per worker), or a real one at TOXIPROXY_URL.
// Every test gets unique proxy names and deletes what it created, so a shared real server stays clean.
import { test as base } from '@playwright/test';
import { startToxiproxyServer } from '../../../src/faults/server/index.js';

export interface ToxiproxyTarget {
  url: string;
  /** Host the proxies' listen addresses are reachable on from this process. */
  host: string;
  real: boolean;
}

export interface ProxyNames {
  /** A name no other test (or worker) uses; the proxy is deleted after the test. */
  next(label?: string): string;
}

let counter = 0;

export const test = base.extend<{ names: ProxyNames }, { toxiproxy: ToxiproxyTarget }>({
  toxiproxy: [
    // Playwright requires the object pattern even when a fixture needs no other fixture.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const external = process.env['TOXIPROXY_URL'];
      if (external) {
        await use({ url: external.replace(/\/+$/, ''), host: new URL(external).hostname, real: true });
        return;
      }
      const server = await startToxiproxyServer({ port: 0 });
      await use({ url: server.url, host: '127.0.0.1', real: false });
      await server.close();
    },
    { scope: 'worker' },
  ],
  names: async ({ toxiproxy }, use, testInfo) => {
    const created: string[] = [];
    await use({
      next(label = 'p') {
        const name = `${label}-w${testInfo.workerIndex}-${process.pid}-${++counter}`;
        created.push(name);
        return name;
      },
    });
    for (const name of created) await fetch(`${toxiproxy.url}/proxies/${encodeURIComponent(name)}`, { method: 'DELETE' });
  },
});

export { expect } from '@playwright/test';
