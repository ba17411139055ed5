// One server of the session: its current connection, reconnection after a loss, and the guarded request
// path every call takes (a timeout and an abort signal on each request, so nothing can hang).
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { messageOf } from '../common/messageOf.js';
import { connect, describeAddress, type Connection } from './connect.js';
import { CallerAborted, classifyError, isConnectionClosed, isRequestTimeout, isSessionGone, type Failure } from './outcome.js';
import { reconnect, type Reconnected } from './reconnect.js';
import type { Attempt, CallOptions, ServerEntry, ServerInfo, SessionOptions } from './types.js';

const NO_ATTEMPTS: Attempt[] = [];

export interface Exchange<T> {
  result?: T;
  failure?: Failure;
  latencyMs: number;
  attempts: Attempt[];
  /** performance.now() when the call started, for totalMs. */
  start: number;
}

export class ServerSlot {
  readonly address: string;
  private conn: Connection | undefined;
  private error: string | undefined;
  private reconnecting: Promise<Reconnected<Connection>> | undefined;
  private readonly live = new Set<Connection>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(readonly entry: ServerEntry, private readonly options: SessionOptions, private readonly closed: AbortSignal) {
    this.address = describeAddress(entry);
  }

  /** The first connection, at session start. Resolves either way; a failure is kept for info(). */
  async open(): Promise<void> {
    try {
      this.conn = await this.connectOnce();
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  info(): ServerInfo {
    const conn = this.conn;
    const connected = conn !== undefined && !conn.lost;
    const where = `${this.entry.name} (${this.entry.type} ${this.address})`;
    const error = connected ? undefined
      : conn?.lost ? `${where} lost its connection: ${conn.lost.message}`
        : `${where} could not connect: ${this.error ?? 'not connected yet'}`;
    return {
      name: this.entry.name,
      ...(conn?.serverName === undefined ? {} : { serverName: conn.serverName }),
      ...(conn?.serverVersion === undefined ? {} : { serverVersion: conn.serverVersion }),
      transport: this.entry.type,
      address: this.address,
      connected,
      ...(error === undefined ? {} : { error }),
    };
  }

  async request<T>(what: string, send: (client: Client, options: RequestOptions) => Promise<T>, options?: CallOptions): Promise<Exchange<T>> {
    const start = performance.now();
    let attempts = NO_ATTEMPTS;
    for (let resent = false; ; resent = true) {
      let conn = this.conn;
      if (conn === undefined || conn.lost) {
        const again = await this.reconnectShared();
        attempts = [...attempts, ...again.attempts];
        if (!again.value) {
          const detail = `could not reconnect (${attempts.length} attempt${attempts.length === 1 ? '' : 's'}): ${again.error ?? 'unknown error'}`;
          return { failure: { kind: 'unavailable', detail }, latencyMs: 0, attempts, start };
        }
        conn = again.value;
      }
      const timeout = options?.timeoutMs ?? this.options.callTimeoutMs;
      const caller = options?.signal;
      if (caller?.aborted) return { failure: classifyError(new CallerAborted(), what, timeout), latencyMs: 0, attempts, start };
      // Every request has the SDK's timeout, and the caller's signal when there is one. A lost connection is
      // closed at once, which rejects its pending requests.
      const t0 = performance.now();
      try {
        const result = caller ? await sendLinked(conn.client, send, timeout, caller) : await send(conn.client, { timeout });
        return { result, latencyMs: performance.now() - t0, attempts, start };
      } catch (error) {
        const latencyMs = performance.now() - t0;
        const failure = this.failure(conn, error, what, timeout, caller);
        // A restarted server answers 404 to the old session: as Claude Code does, open a new session and
        // send the request once more (the server never processed it).
        if (!resent && (isSessionGone(error) || (conn.lost?.sessionGone === true && isConnectionClosed(error)))) continue;
        return { failure, latencyMs, attempts, start };
      }
    }
  }

  private failure(conn: Connection, error: unknown, what: string, timeout: number, caller: AbortSignal | undefined): Failure {
    // Aborts and losses reach us as the SDK's generic timeout / "Connection closed"; say which it was.
    if (caller?.aborted && isRequestTimeout(error)) return classifyError(new CallerAborted(), what, timeout);
    if (conn.lost && isConnectionClosed(error)) return classifyError(conn.lost, what, timeout);
    const failure = classifyError(error, what, timeout);
    if (failure.kind === 'unavailable') conn.markLost(failure.detail);
    return failure;
  }

  /** Closes every connection this slot made (current, lost, or still connecting). Bounded. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await Promise.all([...this.live].map((conn) => conn.close()));
  }

  /** Concurrent calls to a lost server share one round of reconnection attempts. */
  private reconnectShared(): Promise<Reconnected<Connection>> {
    this.reconnecting ??= reconnect(() => this.connectOnce(), this.options.reconnect, this.closed).then((outcome) => {
      this.reconnecting = undefined;
      if (outcome.value) this.conn = outcome.value;
      else this.error = outcome.error;
      return outcome;
    });
    return this.reconnecting;
  }

  private async connectOnce(): Promise<Connection> {
    if (this.closed.aborted) throw new Error('the session was closed');
    const attempt = connect(this.entry, this.options.startupTimeoutMs, this.closed);
    const ended = this.options.watch?.attempt(this.entry.name);
    if (ended) attempt.then(() => ended(), (e: unknown) => ended(messageOf(e)));
    this.pending.add(attempt);
    try {
      const conn = await attempt;
      this.live.add(conn);
      void conn.closed.then(() => this.live.delete(conn));
      if (this.closed.aborted) {
        await conn.close();
        throw new Error('the session was closed');
      }
      return conn;
    } finally {
      this.pending.delete(attempt);
    }
  }
}

/** The SDK never removes the abort listener it adds to a request's signal, and on abort it sends
 * `notifications/cancelled` for every request that ever used it. A journey's signal lives for the whole
 * journey, so each request gets a signal of its own, linked to the caller's only while it is in flight. */
async function sendLinked<T>(client: Client, send: (client: Client, options: RequestOptions) => Promise<T>, timeout: number, caller: AbortSignal): Promise<T> {
  const own = new AbortController();
  const onAbort = (): void => own.abort(caller.reason);
  caller.addEventListener('abort', onAbort, { once: true });
  try {
    return await send(client, { timeout, signal: own.signal });
  } finally {
    caller.removeEventListener('abort', onAbort);
  }
}
