// The set of proxies by name, guarding duplicates; Go's ProxyCollection semantics.
import { ErrProxyAlreadyExists, ErrProxyNotFound } from './apiError.js';
import type { Proxy } from './proxy.js';

export class ProxyCollection {
  private readonly proxies = new Map<string, Proxy>();

  all(): Proxy[] {
    return [...this.proxies.values()];
  }

  get(name: string): Proxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw ErrProxyNotFound;
    return proxy;
  }

  async add(proxy: Proxy, start: boolean): Promise<void> {
    if (this.proxies.has(proxy.name)) throw ErrProxyAlreadyExists;
    if (start) await proxy.start();
    this.proxies.set(proxy.name, proxy);
  }

  /** Populate: an unchanged proxy is kept as it is (toxics and all); a changed one is replaced. */
  async addOrReplace(proxy: Proxy, start: boolean): Promise<Proxy> {
    const existing = this.proxies.get(proxy.name);
    if (existing) {
      if (!(await existing.differs(proxy))) return existing;
      await existing.stop();
    }
    if (start) await proxy.start();
    this.proxies.set(proxy.name, proxy);
    return proxy;
  }

  async remove(name: string): Promise<void> {
    const proxy = this.get(name);
    await proxy.stop();
    this.proxies.delete(name);
  }

  async clear(): Promise<void> {
    for (const proxy of this.all()) await proxy.stop();
    this.proxies.clear();
  }
}
