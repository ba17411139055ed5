// One server of the session: its current connection, reconnection after a loss, and the guarded request
// path every call takes (a timeout and an abort signal on each request, so nothing can hang).
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { messageOf } from '../common/messageOf.js';
import { claudeCodeProfile } from './claudeCode.js';
import type { ClientSide } from './clientRequests.js';
import { connect, describeAddress, type Connection } from './connect.js';
import { SessionOAuth } from './oauth.js';
import { CallerAborted, classifyError, isConnectionClosed, isRequestTimeout, isSessionGone, type Failure } from './outcome.js';
import { NotificationLog } from './notifications.js';
import { reconnect, type Reconnected } from './reconnect.js';
import type { Attempt, CallOptions, ClientProfile, ReceivedNotification, Root, ServerEntry, ServerInfo, ServerRequest, SessionOptions } from './types.js';
import type { RequestScopes } from './requestScopes.js';
import { OutputCapExceeded, wireLimit, type WireLimit } from './wireCap.js';

const NO_ATTEMPTS: Attempt[] = [];

export interface Exchange<T> {
  result?: T;
  failure?: Failure;
  latencyMs: number;
  attempts: Attempt[];
  /** performance.now() when the call started, for totalMs. */
  start: number;
  /** Elicitation and sampling requests the server sent while the call was in flight. */
  serverRequests?: ServerRequest[];
  /** What the server notified while the request was in flight (its own progress only). */
  notifications: ReceivedNotification[];
}

/** `progressToken`: unique among this server's requests, for the request's `_meta` (send puts it there). */
export type Send<T> = (client: Client, options: RequestOptions, progressToken: number) => Promise<T>;

export class ServerSlot {
  readonly address: string;
  private conn: Connection | undefined;
  private error: string | undefined;
  private reconnecting: { attempts: Attempt[]; done: Promise<Reconnected<Connection>> } | undefined;
  private readonly live = new Set<Connection>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly limit: WireLimit;
  private readonly side: ClientSide;
  /** The lists of the calls in flight: a server request goes to each (the wire does not say which call
   * it serves). One that comes while none is in flight waits for the next call. */
  private readonly listening = new Set<ServerRequest[]>();
  private unheard: ServerRequest[] = [];
  /** Outlives connections: a wait_for may span a reconnect. */
  readonly notifications = new NotificationLog();
  private requests = 0;
  /** The server's sign-in, shared by its connections: a reconnection reuses the tokens. */
  private readonly oauth: SessionOAuth | undefined;

  constructor(readonly entry: ServerEntry, private readonly options: SessionOptions, private readonly closed: AbortSignal, roots: () => Root[]) {
    this.address = describeAddress(entry);
    this.limit = wireLimit(options.maxOutputTokens);
    this.oauth = entry.oauth ? new SessionOAuth(entry.oauth, entry.configuredUrl) : undefined;
    const profile: ClientProfile = options.client ?? claudeCodeProfile();
    this.side = { profile, roots, heard: (request) => this.hear(request), ...(options.answers ? { answers: options.answers } : {}) };
  }

  /** Tells the server its roots changed, when the client declares it may and the server is connected. */
  async rootsChanged(): Promise<boolean> {
    const roots = this.side.profile.capabilities['roots'] as { listChanged?: boolean } | undefined;
    const conn = this.conn;
    if (roots?.listChanged !== true || !conn || conn.lost) return false;
    return conn.client.sendRootsListChanged().then(() => true, () => false);
  }

  private hear(request: ServerRequest): void {
    if (this.listening.size === 0) this.unheard.push(request);
    for (const list of this.listening) list.push(request);
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

  async request<T>(what: string, send: Send<T>, options?: CallOptions): Promise<Exchange<T>> {
    const heard = this.unheard;
    this.unheard = [];
    this.listening.add(heard);
    try {
      const exchange = await this.exchange(what, send, options);
      return heard.length > 0 ? { ...exchange, serverRequests: heard } : exchange;
    } finally {
      this.listening.delete(heard);
    }
  }

  private async exchange<T>(what: string, send: Send<T>, options?: CallOptions): Promise<Exchange<T>> {
    const start = performance.now();
    const mark = this.notifications.mark();
    const token = ++this.requests;
    const heard = (): ReceivedNotification[] => this.notifications.since(mark, token);
    // The call's timeout runs from here: reconnecting spends it too, as the user's step budget is one.
    const timeout = options?.timeoutMs ?? this.options.callTimeoutMs;
    const deadline = start + timeout;
    const caller = options?.signal;
    let attempts = NO_ATTEMPTS;
    for (let resent = false; ; resent = true) {
      let conn = this.conn;
      if (conn === undefined || conn.lost) {
        const lostReason = conn?.lost?.message ?? this.error;
        const again = await this.reconnectShared(deadline, caller);
        attempts = [...attempts, ...again.attempts];
        if (caller?.aborted) return { failure: classifyError(new CallerAborted(), what, timeout), latencyMs: 0, attempts, start, notifications: heard() };
        if (again.outOfTime) {
          const last = again.error ?? lostReason ?? 'no attempt has finished yet';
          const detail = `could not reconnect within the call's ${timeout} ms (${plural(attempts.length, 'attempt')} so far): ${last}`;
          return { failure: { kind: 'unavailable', detail }, latencyMs: 0, attempts, start, notifications: heard() };
        }
        if (!again.value) {
          const detail = `could not reconnect (${plural(attempts.length, 'attempt')}): ${again.error ?? 'unknown error'}`;
          return { failure: { kind: 'unavailable', detail }, latencyMs: 0, attempts, start, notifications: heard() };
        }
        conn = again.value;
      }
      if (caller?.aborted) return { failure: classifyError(new CallerAborted(), what, timeout), latencyMs: 0, attempts, start, notifications: heard() };
      // Every request has the SDK's timeout (what is left of the call's), the caller's signal when there
      // is one, and the connection's over-cap signal. A lost connection is closed at once, which rejects
      // its pending requests.
      const left = Math.max(1, Math.round(deadline - performance.now()));
      const t0 = performance.now();
      const noiseMark = conn.noise.mark();
      const cancel = cancelTimer(options?.cancelAfterMs);
      try {
        const signals = [...(caller ? [caller] : []), conn.overCapSignal, ...(cancel ? [cancel.signal] : [])];
        const result = await sendLinked(conn.client, (client, req) => send(client, req, token), left, signals, conn.scopes);
        return { result, latencyMs: performance.now() - t0, attempts, start, notifications: heard() };
      } catch (error) {
        const latencyMs = performance.now() - t0;
        if (cancel?.signal.aborted && isRequestTimeout(error)) {
          const detail = `${what} was cancelled after ${options?.cancelAfterMs ?? 0} ms (notifications/cancelled sent, as on Esc in Claude Code)`;
          return { failure: { kind: 'cancelled', detail }, latencyMs, attempts, start, notifications: heard() };
        }
        const failure = this.failure(conn, error, what, timeout, caller, noiseMark);
        // A restarted server answers 404 to the old session: as Claude Code does, open a new session and
        // send the request once more (the server never processed it).
        if (!resent && (isSessionGone(error, conn.sessionSent) || (conn.lost?.sessionGone === true && isConnectionClosed(error)))) continue;
        return { failure, latencyMs, attempts, start, notifications: heard() };
      } finally {
        cancel?.stop();
      }
    }
  }

  private failure(conn: Connection, error: unknown, what: string, timeout: number, caller: AbortSignal | undefined, mark: number): Failure {
    // Aborts and losses reach us as the SDK's generic timeout / "Connection closed"; say which it was.
    if (caller?.aborted && isRequestTimeout(error)) return classifyError(new CallerAborted(), what, timeout);
    const overCap = conn.capError;
    if (overCap && isConnectionClosed(error)) return classifyError(overCap, what, timeout);
    const failure = conn.lost && isConnectionClosed(error) ? classifyError(conn.lost, what, timeout) : classifyError(error, what, timeout, conn.sessionSent);
    if (failure.kind === 'unavailable') conn.markLost(failure.detail);
    // The reply never came, but something else did: that is what went wrong on the wire.
    const heard = failure.kind === 'timeout' || failure.kind === 'unavailable' ? conn.noise.since(mark) : undefined;
    if (heard) return { kind: 'protocol_error', detail: `${failure.detail}; the server sent ${heard}` };
    return failure;
  }

  /** Closes every connection this slot made (current, lost, or still connecting). Bounded. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await Promise.all([...this.live].map((conn) => conn.close()));
  }

  /** Concurrent calls to a lost server share one round of reconnection attempts; each call waits for it
   * only until its own deadline (the round goes on for the calls that still have time). */
  private async reconnectShared(deadline: number, caller: AbortSignal | undefined): Promise<Reconnected<Connection> & { outOfTime?: true }> {
    if (!this.reconnecting) {
      const attempts: Attempt[] = [];
      const done = reconnect(() => this.connectOnce(), this.options.reconnect, this.closed, attempts).then((outcome) => {
        this.reconnecting = undefined;
        if (outcome.value) this.conn = outcome.value;
        else this.error = outcome.error;
        return outcome;
      });
      this.reconnecting = { attempts, done };
    }
    const round = this.reconnecting;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const outOfTime = new Promise<'out of time'>((resolve) => {
      timer = setTimeout(() => resolve('out of time'), Math.max(0, deadline - performance.now()));
      onAbort = () => resolve('out of time');
      if (caller?.aborted) onAbort();
      else caller?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const first = await Promise.race([round.done, outOfTime]);
      if (first !== 'out of time') return first;
      const attempts = [...round.attempts];
      const error = [...attempts].reverse().find((a) => a.error !== undefined)?.error;
      return { value: undefined, attempts, ...(error === undefined ? {} : { error }), outOfTime: true };
    } finally {
      clearTimeout(timer);
      if (onAbort) caller?.removeEventListener('abort', onAbort);
    }
  }

  private async connectOnce(): Promise<Connection> {
    if (this.closed.aborted) throw new Error('the session was closed');
    const attempt = connect(this.entry, this.options.startupTimeoutMs, this.closed, this.limit, (method, params) => this.notifications.add(method, params), this.side, this.oauth);
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
 * journey and a connection's for the connection, so each request gets a signal of its own, linked to
 * theirs only while it is in flight. `scopes`: the reply comes on the request's own HTTP response
 * (streamable HTTP), so an oversized one fails this request alone (requestScopes.ts); stdio and SSE
 * replies share one stream, and a scope would only cost time on every call. */
async function sendLinked<T>(client: Client, send: (client: Client, options: RequestOptions) => Promise<T>, timeout: number, signals: AbortSignal[], scopes: RequestScopes | undefined): Promise<T> {
  const own = new AbortController();
  const unlink: (() => void)[] = [];
  for (const signal of signals) {
    const onAbort = (): void => own.abort(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    unlink.push(() => signal.removeEventListener('abort', onAbort));
  }
  const scope = scopes?.open(own);
  try {
    return await send(client, scope ? { timeout, signal: own.signal, onresumptiontoken: scope.onresumptiontoken } : { timeout, signal: own.signal });
  } catch (error) {
    // The SDK turns an abort's reason into a generic timeout; an oversized reply says what it was.
    const reason: unknown = own.signal.reason;
    throw reason instanceof OutputCapExceeded && isRequestTimeout(error) ? reason : error;
  } finally {
    for (const off of unlink) off();
    scope?.close();
  }
}

/** An abort signal that fires `ms` from now; its reason is what `notifications/cancelled` says. */
function cancelTimer(ms: number | undefined): { signal: AbortSignal; stop: () => void } | undefined {
  if (ms === undefined) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(`cancelled by the user after ${ms} ms`), ms);
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
