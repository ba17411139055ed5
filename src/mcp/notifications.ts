// What a server says on its own (progress, logging, list_changed, resources/updated …), kept per server
// with the time it arrived: a request takes the ones that came while it was in flight, and a `wait_for`
// step waits for one. Bounded, as a chatty server must not grow a long journey's memory.
import type { NotificationWait, ReceivedNotification } from './types.js';

const KEPT = 2000;
const PROGRESS = 'notifications/progress';

interface Entry {
  seq: number;
  notification: ReceivedNotification;
  /** The progress token it carried (progress only). */
  token?: unknown;
}

export class NotificationLog {
  private entries: Entry[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  add(method: string, params: Record<string, unknown>): void {
    this.seq += 1;
    const { progressToken, ...rest } = params;
    const progress = method === PROGRESS;
    const entry: Entry = { seq: this.seq, notification: { method, params: progress ? rest : params, at: performance.now() } };
    if (progress) entry.token = progressToken;
    this.entries.push(entry);
    if (this.entries.length > KEPT) this.entries = this.entries.slice(-KEPT / 2);
    for (const listener of [...this.listeners]) listener();
  }

  mark(): number {
    return this.seq;
  }

  /** What came after `mark`; progress only when it carried `token` (parallel calls each get their own). */
  since(mark: number, token: number | undefined): ReceivedNotification[] {
    return this.entries
      .filter((e) => e.seq > mark && (e.notification.method !== PROGRESS || (token !== undefined && e.token === token)))
      .map((e) => e.notification);
  }

  /** The first notification at or after `since` (performance.now()) that `accept` takes, waiting for it
   * until `timeoutMs` has passed or `signal` aborts. */
  async waitFor(accept: (n: ReceivedNotification) => boolean, since: number, timeoutMs: number, signal?: AbortSignal): Promise<NotificationWait> {
    const seen = (): ReceivedNotification[] => this.entries.map((e) => e.notification).filter((n) => n.at >= since);
    const find = (): ReceivedNotification | undefined => seen().find(accept);
    const already = find();
    if (already) return { found: already, seen: seen() };
    let done: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<void>((resolve) => {
      done = resolve;
      timer = setTimeout(resolve, Math.max(0, timeoutMs));
      signal?.addEventListener('abort', done, { once: true });
    });
    let found: ReceivedNotification | undefined;
    const listener = (): void => {
      found ??= find();
      if (found) done?.();
    };
    this.listeners.add(listener);
    try {
      await ended;
    } finally {
      clearTimeout(timer);
      this.listeners.delete(listener);
      if (done) signal?.removeEventListener('abort', done);
    }
    return found ? { found, seen: seen() } : { seen: seen() };
  }
}
