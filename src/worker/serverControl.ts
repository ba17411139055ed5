// `server:` steps act on the servers the stack launched; whatever a journey stopped or killed is
// started again before its teardown steps and before the next journey on the worker.
import type { ManagedServer } from '../servers/types.js';

export type ServerActionName = 'stop' | 'start' | 'restart' | 'kill';

export class StackServers {
  /** Starts not awaited (`wait_ready: false`): awaited by restore(). */
  private readonly starting = new Set<Promise<void>>();

  constructor(private readonly servers: Readonly<Record<string, ManagedServer>>) {}

  /** One name, a list, or `both`; unknown names are an error naming the managed ones. */
  resolve(target: string | string[]): ManagedServer[] {
    const names = target === 'both' ? Object.keys(this.servers) : ([] as string[]).concat(target);
    return names.map((name) => {
      const server = (this.servers as Record<string, ManagedServer | undefined>)[name];
      if (!server) throw new Error(`'${name}' is not a server the runner launched (launched: ${Object.keys(this.servers).join(', ') || 'none'})`);
      return server;
    });
  }

  /** All targets at once (both servers restart together). */
  async act(action: ServerActionName, targets: ManagedServer[], waitReady: boolean): Promise<void> {
    await Promise.all(targets.map(async (server) => {
      if (action === 'stop') return server.stop();
      if (action === 'kill') return server.kill();
      const started = action === 'start' ? server.start() : server.restart();
      if (waitReady) return started;
      const pending = started.catch(() => undefined).finally(() => this.starting.delete(pending));
      this.starting.add(pending);
      return undefined;
    }));
  }

  allRunning(): boolean {
    return this.starting.size === 0 && Object.values(this.servers).every((s) => s.running);
  }

  /** Starts every server that is not running; returns their names. Throws the first start failure. */
  async restore(): Promise<string[]> {
    await Promise.all([...this.starting]);
    const down = Object.values(this.servers).filter((s) => !s.running);
    const results = await Promise.allSettled(down.map((s) => s.start()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return down.map((s) => s.name);
  }
}
