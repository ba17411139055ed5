// One MCP client and session with one server, connected the way Claude Code connects. A connection is
// never repaired: once lost it aborts its in-flight calls and closes; the session makes a new one.
import { setMaxListeners } from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ProgressNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { descriptorUse, exhaustionMessage, exhaustionOf } from '../process/descriptors.js';
import { descendantsOf, killLeftovers } from '../process/tree.js';
import { announceVersion, installHandlers, type ClientSide } from './clientRequests.js';
import { checkedFetch, optionalStream, watchedEventSource } from './httpReplies.js';
import { Noise, quoteBytes } from './noise.js';
import { listAllTools } from './protocol.js';
import { isSignInError, splitFetch, type SessionOAuth } from './oauth.js';
import { SigningInTransport } from './oauthTransport.js';
import { RelayTransport } from './relayTransport.js';
import { RequestScopes } from './requestScopes.js';
import { ConnectionLost, connectionFailure, describeError, errorText, isConnectionClosed, isSessionGone, isZodError } from './outcome.js';
import { StdioTransport } from './stdioTransport.js';
import { rememberTools } from './toolList.js';
import type { ServerEntry } from './types.js';
import { cappedFetch, isCapEcho, isLineTooLong, OutputCapExceeded, type WireLimit } from './wireCap.js';

const STDERR_TAIL_CHARS = 4096;
/** close() waits this long for the SDK (stdio: stdin end, then SIGTERM after 2 s), then kills what is left. */
const CLOSE_BOUND_MS = 5000;

/** How long a closing client waits for the server to end its HTTP session before it just goes. */
const TERMINATE_BOUND_MS = 1000;

function bounded(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]).finally(() => clearTimeout(timer));
}

export function describeAddress(entry: ServerEntry): string {
  if (entry.type !== 'stdio') return entry.url ?? '(no url)';
  if (entry.replay) return `replay of ${entry.replay.server} from ${entry.replay.recording}`;
  return [entry.command ?? '(no command)', ...(entry.args ?? [])].join(' ');
}

export class Connection {
  /** Set once the connection is known to be gone; calls then need a new connection. */
  lost: ConnectionLost | undefined;
  serverName: string | undefined;
  serverVersion: string | undefined;
  /** Settles when close() has finished. */
  readonly closed: Promise<void>;
  private closing: Promise<void> | undefined;
  private markClosed: () => void = () => undefined;
  private stderr = '';
  /** Aborted with OutputCapExceeded when a reply passed the wire limit: requests in flight fail at once,
   * not when the transport has finished closing (direct stdio waits seconds for the process). */
  private readonly overCap = new AbortController();

  /** `scopes`: streamable HTTP's requests in flight, each with its own response (requestScopes.ts). */
  constructor(readonly client: Client, readonly transport: Transport, readonly entry: ServerEntry, readonly noise: Noise, limit: WireLimit, readonly scopes?: RequestScopes) {
    this.closed = new Promise((resolve) => { this.markClosed = resolve; });
    // Every request in flight listens on it, and a journey may have many at once: not a leak.
    setMaxListeners(0, this.overCap.signal);
    client.onclose = () => {
      noise.ended();
      this.markLost(entry.type === 'stdio' ? 'the server process exited' : 'the connection closed');
    };
    // Transports report a dead stream or session only here (onclose may never fire), so it decides.
    client.onerror = (error) => {
      if (isLineTooLong(error)) {
        this.capExceeded(new OutputCapExceeded(limit));
        return;
      }
      if (isCapEcho(error)) return;
      // A failed sign-in fails the request that needed it; the connection itself is fine.
      if (isSignInError(error)) return;
      noteNoise(noise, error);
      const lost = connectionFailure(error, this.sessionSent);
      if (lost) this.markLost(lost, isSessionGone(error, this.sessionSent));
    };
  }

  /** Whether requests on this connection carry a session id: streamable HTTP once the server gave one
   * (a stateless server never does), legacy SSE always (in the endpoint URL the server announced). */
  get sessionSent(): boolean {
    if (this.transport instanceof StreamableHTTPClientTransport) return this.transport.sessionId !== undefined;
    return this.entry.type === 'sse';
  }

  /** Signals the requests on this connection that a reply was too large to read. */
  get overCapSignal(): AbortSignal {
    return this.overCap.signal;
  }

  /** Set once a reply passed the wire limit. */
  get capError(): OutputCapExceeded | undefined {
    const reason: unknown = this.overCap.signal.reason;
    return reason instanceof OutputCapExceeded ? reason : undefined;
  }

  /** The rest of an oversized reply on a shared stream (stdio, SSE) is unread, so nothing after it can be
   * framed: the connection is given up, and the next call reconnects. (An HTTP POST's own response is
   * cut alone, in cappedFetch, and the session goes on.) */
  capExceeded(error: OutputCapExceeded): void {
    if (this.overCap.signal.aborted) return;
    this.overCap.abort(error);
    this.markLost(error.message);
  }

  /** The last lines the stdio server wrote to stderr, for messages. */
  stderrTail(): string {
    // Through the relay the host holds the output of the process this session spawned (and its peers').
    if (this.entry.relay?.stderr) return this.entry.relay.stderr().join('\n').trim();
    return this.stderr.trim();
  }

  appendStderr(chunk: string): void {
    this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL_CHARS);
  }

  markLost(reason: string, sessionGone = false): void {
    if (this.lost) return;
    const tail = this.entry.type === 'stdio' ? this.stderrTail().split('\n').slice(-3).join(' | ') : '';
    this.lost = new ConnectionLost(tail ? `${reason} (stderr: ${tail})` : reason, sessionGone);
    // Closing the client rejects its pending requests with "Connection closed" (stdio: once the process
    // has exited, which close() bounds).
    void this.close();
  }

  /** Closes the client and, for stdio, the server's whole process tree. Bounded, never throws. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // A deliberate close of a live streamable HTTP session ends it on the server too (DELETE), as the
    // spec asks, so a client that comes and goes leaves no session behind; a lost one is not asked.
    const live = !this.lost && this.transport instanceof StreamableHTTPClientTransport ? this.transport : undefined;
    // Not markLost: that closes again, and the nested close would cut the DELETE off.
    this.lost ??= new ConnectionLost('the session was closed', false);
    const pid = this.transport instanceof StdioClientTransport ? this.transport.pid : null;
    const tree = pid === null ? [] : [pid, ...(await descendantsOf(pid))];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      (live ? bounded(live.terminateSession(), TERMINATE_BOUND_MS) : Promise.resolve()).then(() => this.client.close()).catch(() => undefined),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_BOUND_MS); }),
    ]);
    clearTimeout(timer);
    await killLeftovers(tree);
    this.markClosed();
  }
}

/** Connects, initialises and lists tools within `startupTimeoutMs`; throws an error that says why not.
 * `signal` (the session closing) abandons the attempt. `oauth`: the server's sign-in, kept by the caller
 * across connections so its tokens outlive a reconnection. */
export async function connect(entry: ServerEntry, startupTimeoutMs: number, signal: AbortSignal, limit: WireLimit, onNotification: NotificationSink, side: ClientSide, oauth?: SessionOAuth): Promise<Connection> {
  const { profile } = side;
  // The capabilities are the profile's as written: a server sees exactly what the journey declared.
  const client = new Client(profile.clientInfo, { capabilities: profile.capabilities });
  installHandlers(client, entry.name, side);
  // Every notification but cancellation. Progress is routed by its token here, not by the SDK's
  // `onprogress`: the SDK drops the handler when the reply is read, before it runs the handler of a
  // progress notification read in the same chunk (seen on a loaded machine), so that progress was lost.
  client.fallbackNotificationHandler = (notification) => {
    onNotification(notification.method, withoutMeta(notification.params));
    return Promise.resolve();
  };
  client.setNotificationHandler(ProgressNotificationSchema, (notification) => {
    onNotification(notification.method, withoutMeta(notification.params));
  });
  const late: { conn?: Connection } = {};
  const noise = new Noise();
  const scopes = entry.type === 'http' ? new RequestScopes() : undefined;
  const transport = createTransport(entry, noise, limit, oauth, scopes, {
    onStreamReattached: () => late.conn?.markLost('the SSE stream re-attached to a new, never-initialised session'),
    onCapExceeded: (error) => late.conn?.capExceeded(error),
  });
  announceVersion(transport, profile.protocolVersion);
  const conn = new Connection(client, transport, entry, noise, limit, scopes);
  late.conn = conn;
  if (transport instanceof StdioClientTransport) {
    // Captured, never inherited: a chatty server must not flood the runner's output, and a full pipe
    // would block the server.
    transport.stderr?.on('data', (chunk: Buffer | string) => conn.appendStderr(chunk.toString()));
  }
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const startup = async () => {
    await client.connect(transport, { timeout: startupTimeoutMs });
    // Every page: calls need the real name behind a Claude Code name, and each tool's outputSchema.
    if (client.getServerCapabilities()?.tools) rememberTools(client, await listAllTools(client, { timeout: startupTimeoutMs }));
  };
  const started = startup();
  // The race below may settle first; the loser's rejection is expected, not unhandled.
  started.catch(() => undefined);
  try {
    await Promise.race([
      started,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to initialize within ${startupTimeoutMs} ms (MCP_TIMEOUT)`)), startupTimeoutMs);
        onAbort = () => reject(new Error('the session was closed while connecting'));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } catch (error) {
    // A loss seen by the transport first closes the client, and initialize then fails with a bare
    // "Connection closed"; the loss says more.
    // Out of descriptors, the raw error ("fetch failed") hides what to do about it.
    const exhausted = exhaustionOf(error);
    const reason = exhausted ? exhaustionMessage(exhausted, descriptorUse(), entry.name)
      : conn.lost && isConnectionClosed(error) ? conn.lost.message
      : oauth && isSignInError(error) ? `OAuth sign-in failed: ${describeError(error)}` : describeError(error);
    await conn.close();
    const tail = conn.entry.type === 'stdio' && !reason.includes('(stderr: ') ? conn.stderrTail() : '';
    throw new Error(`${reason}${tail ? ` (stderr: ${tail.split('\n').slice(-5).join(' | ')})` : ''}`, { cause: error });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  if (conn.lost) {
    await conn.close();
    throw new Error(conn.lost.message);
  }
  const version = client.getServerVersion();
  conn.serverName = version?.name;
  conn.serverVersion = version?.version;
  return conn;
}

/** Told of each notification a server sends, as it arrives. */
export type NotificationSink = (method: string, params: Record<string, unknown>) => void;

export function withoutMeta(params: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!params) return {};
  const { _meta: _ignored, ...rest } = params;
  return rest;
}

interface TransportEvents {
  onStreamReattached: () => void;
  onCapExceeded: (error: OutputCapExceeded) => void;
}

function createTransport(entry: ServerEntry, noise: Noise, limit: WireLimit, oauth: SessionOAuth | undefined, scopes: RequestScopes | undefined, events: TransportEvents): Transport {
  // The relay host spawns the command for this connection, so faults on its link reach the bytes.
  // One line is one message, so the longest line the framing buffers is the wire limit.
  if (entry.type === 'stdio' && entry.relay) return new RelayTransport(entry.relay, { maxBufferSize: limit.bytes, noise });
  if (entry.type === 'stdio') {
    return new StdioTransport({
      command: entry.command ?? '',
      args: entry.args ?? [],
      env: { ...definedEnv(process.env), ...entry.env },
      ...(entry.cwd ? { cwd: entry.cwd } : {}),
      stderr: 'pipe',
      maxBufferSize: limit.bytes,
    }, noise);
  }
  const url = new URL(entry.url ?? '');
  const requestInit = entry.headers ? { headers: entry.headers } : undefined;
  const capped = cappedFetch(limit, events.onCapExceeded, scopes);
  const mcpFetch = optionalStream(checkedFetch(noise, capped));
  if (entry.type === 'http' && oauth) return scopedSends(new SigningInTransport(url, { requestInit, fetch: splitFetch(url, mcpFetch) }, oauth), scopes);
  if (entry.type === 'http') return scopedSends(new StreamableHTTPClientTransport(url, { requestInit, fetch: mcpFetch }), scopes);
  let streams = 0;
  const watched = watchedEventSource(noise, capped);
  return new SSEClientTransport(url, {
    requestInit,
    ...(oauth ? { authProvider: oauth } : {}),
    eventSourceInit: {
      // The SDK's EventSource reconnects by itself after a server restart and gets a fresh session that
      // was never initialised; any second stream means the session we had is gone.
      fetch: (input, init) => {
        streams += 1;
        if (streams > 1) events.onStreamReattached();
        return watched(input, init);
      },
    },
  });
}

/** Each request sent tells `scopes` its id before the transport fetches (the SDK sends synchronously
 * from request()). */
function scopedSends(transport: StreamableHTTPClientTransport, scopes: RequestScopes | undefined): Transport {
  if (!scopes) return transport;
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    scopes.sent(message, options);
    return send(message, options);
  };
  return transport;
}

const STRAY_REPLY = /^Received a response for an unknown message ID: (.*)$/s;

/** What the SDK dropped and reported only to onerror; our own framing notes its lines itself. */
function noteNoise(noise: Noise, error: Error): void {
  const stray = STRAY_REPLY.exec(error.message);
  if (stray) noise.note(`a reply to an id that no request of this session has: ${quoteBytes(stray[1] ?? '')}`);
  // An SSE event the SDK rejected: noted with its bytes already, unless it was too large to check.
  else if ((error instanceof SyntaxError || isZodError(error)) && !noise.takeQuoted()) {
    noise.note(error instanceof SyntaxError ? `an event that is not JSON (${errorText(error)})` : 'an event that is JSON but not JSON-RPC');
  }
}

function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
