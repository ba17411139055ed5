// The session layer's public contract. Everything that speaks MCP lives in src/mcp/; the run stage sees
// only these plain types, never the SDK's.
import type { Duplex } from 'node:stream';

export type TransportKind = 'stdio' | 'sse' | 'http';

/** One entry of Claude Code's `.mcp.json` `mcpServers`, after `${VAR}` / `${VAR:-default}` expansion. */
export interface ServerEntry {
  name: string;
  type: TransportKind;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  /** http and sse: sign in with OAuth when the server asks for it (a 401), as Claude Code does. */
  oauth?: OAuthSettings;
  /** Set by the runner, never read from a file, when `url` is a proxy in front of the server: the URL the
   * configuration gave, which the server knows itself by (its OAuth protected-resource metadata). */
  configuredUrl?: string;
  /** Set by the runner, never read from a file: a stdio server reached through the relay at this
   * address (its host spawns the command per connection), so link faults reach stdio too. */
  relay?: { host: string; port: number; stderr?: () => string[] };
  /** Set by the runner, never read from a file, when `url` or `relay` is a fault proxy that only this
   * process can fault (the embedded Toxiproxy): how to reach the server without it, for a journey that
   * faults nothing of the server. */
  unproxied?: { url?: string; relay?: { host: string; port: number; stderr?: () => string[]; attach?: () => Duplex } };
  /** `"type": "replay"`: this entry is a recording served by `mcp-journeys replay` (command and args). */
  replay?: { recording: string; server: string };
  /** Optional, not part of Claude Code's format: the tools the server is declared to offer, so
   * `validate` can catch a misspelt tool without connecting. */
  tools?: string[];
}

/** How the session gets an access token: `authorization_code` is Claude Code's sign-in (PKCE, the
 * redirect followed without a browser); `client_credentials` is for CI, with no person involved. */
export type OAuthGrant = 'authorization_code' | 'client_credentials';

/** A server entry's `oauth` block: Claude Code's keys (`clientId`, `callbackPort`, `scopes`,
 * `authServerMetadataUrl`), and what CI needs besides (a client secret or private key, the grant). */
export interface OAuthSettings {
  grantType: OAuthGrant;
  /** A pre-registered client; without one the client registers itself (dynamic client registration) or
   * uses `clientMetadataUrl` as its id. */
  clientId?: string;
  clientSecret?: string;
  /** Client credentials with `private_key_jwt`: a PKCS#8 PEM key and its algorithm (e.g. ES256). */
  privateKey?: string;
  signingAlgorithm?: string;
  /** The redirect URI is http://localhost:<callbackPort>/callback. */
  callbackPort?: number;
  /** Space-separated; wins over what the server's metadata suggests. */
  scopes?: string;
  /** The authorization server's metadata document, instead of discovering it from the server. */
  authServerMetadataUrl?: string;
  /** A client ID metadata document (an https URL), used as the client id where the server supports it. */
  clientMetadataUrl?: string;
}

export interface McpConfig {
  /** The file it came from, for messages. */
  source: string;
  servers: Record<string, ServerEntry>;
}

export type OutcomeKind = 'ok' | 'tool_error' | 'unavailable' | 'timeout' | 'protocol_error' | 'cancelled';

/** One connection attempt made while serving a call (after an unavailable outcome, or at start). */
export interface Attempt {
  attempt: number;
  /** Backoff slept before this attempt. */
  delayMs: number;
  ok: boolean;
  error?: string;
}

export interface CallOutcome {
  kind: OutcomeKind;
  /** The result as a journey sees it: structuredContent, else the first text item parsed as JSON,
   * else that text; for a tool error, the error text. Resources and tool lists use the same rule. */
  value: unknown;
  /** The raw MCP result (CallToolResult, ReadResourceResult, ListToolsResult) when there is one. */
  raw?: unknown;
  /** tools/call: the tool's real name, when the journey named it as Claude Code does (`mcp__s__r_sum__tool__`). */
  tool?: string;
  /** For every non-ok kind: one line saying what happened, naming the server. */
  message?: string;
  /** Time of the MCP request alone (monotonic clock), excluding reconnects and backoff. */
  latencyMs: number;
  /** Time including reconnect attempts and backoff. */
  totalMs: number;
  attempts: Attempt[];
  /** Set when the output cap cut the result. */
  truncated?: { originalTokens: number; limitTokens: number };
  /** Requests the server sent the session while the call was in flight (elicitation, sampling), with
   * what the session answered. */
  serverRequests?: ServerRequest[];
  /** What the server notified while the request was in flight (its own progress, logging, list_changed,
   * resources/updated …), oldest first; absent when there was none. */
  notifications?: ReceivedNotification[];
}

/** Who the session says it is in `initialize` (see claudeCode.ts for Claude Code's releases). */
export interface ClientProfile {
  /** The Claude Code release it follows, as a name for reports. */
  release: string;
  clientInfo: { name: string; version: string };
  protocolVersion: string;
  capabilities: Record<string, unknown>;
}

/** A root as MCP lists it (`roots/list`): a `file://` URI. */
export interface Root {
  uri: string;
  name?: string;
}

export type ServerRequestMethod = 'elicitation/create' | 'sampling/createMessage';

/** A request a server sent the session, and how the session answered it. */
export interface ServerRequest {
  server: string;
  method: ServerRequestMethod;
  params: Record<string, unknown>;
  /** The result sent back (absent when an error was). */
  result?: unknown;
  error?: { code: number; message: string };
  /** Which scripted answer applied, as the answerer names it. */
  rule?: string;
  /** Set when nothing scripted answered it: why, in words. The step it came in fails. */
  unanswered?: string;
}

export type ScriptedAnswer = { result: Record<string, unknown>; rule: string } | { unanswered: string };

/** Scripted answers to server requests; a method without one is answered as Claude Code would. */
export interface ServerAnswers {
  elicit?: (server: string, params: Record<string, unknown>) => ScriptedAnswer;
  sample?: (server: string, params: Record<string, unknown>) => ScriptedAnswer;
}

/** A notification a server sent. */
export interface ReceivedNotification {
  method: string;
  /** Without `_meta`; for progress, without the token (the session routes progress by it). */
  params: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
}

export interface NotificationWait {
  /** The first one that matched, if any came in time. */
  found?: ReceivedNotification;
  /** Everything from that server in the window, for the message when none matched. */
  seen: ReceivedNotification[];
}

export interface WaitOptions {
  /** performance.now(): notifications from then on count, including ones that came before the wait began. */
  since: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ReconnectPolicy {
  /** Connection attempts per call before the outcome is `unavailable` (default 5). */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface SessionOptions {
  /** Default per-call timeout (Claude Code: MCP_TOOL_TIMEOUT). */
  callTimeoutMs: number;
  /** Connect + initialize timeout (Claude Code: MCP_TIMEOUT). */
  startupTimeoutMs: number;
  /** Output cap in tokens (Claude Code: MAX_MCP_OUTPUT_TOKENS); ~4 characters per token. */
  maxOutputTokens: number;
  reconnect: ReconnectPolicy;
  /** What `initialize` says; default: the newest Claude Code release in claudeCode.ts. */
  client?: ClientProfile;
  /** Answered to `roots/list` when the client declares roots; default none. */
  roots?: Root[];
  answers?: ServerAnswers;
  /** structuredContent is checked against the tool's outputSchema, as the SDK client does (default true);
   * a mismatch is a protocol_error naming the path. */
  checkOutputSchema?: boolean;
  /** Told of every connection attempt, as it starts and as it ends: a journey that runs out of time can say
   * how many attempts its running step made and whether one was still under way. */
  watch?: ConnectionWatch;
}

export interface ConnectionWatch {
  /** A connection attempt to `server` starts; the returned function is called when it ends (with its error, if it failed). */
  attempt(server: string): (error?: string) => void;
}

export interface ServerInfo {
  name: string;
  /** Name and version the server reported in initialize. */
  serverName?: string;
  serverVersion?: string;
  transport: TransportKind;
  /** URL, or the command line for stdio. */
  address: string;
  connected: boolean;
  /** Why it could not connect, when it could not. */
  error?: string;
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Cancel the request this long after it was sent, as Claude Code does when the user presses Esc: the
   * SDK sends `notifications/cancelled`, and the outcome is `cancelled` unless the answer came first. */
  cancelAfterMs?: number;
}

/** A request of the protocol beyond tools/call and resources/read, with its MCP method and params. Lists
 * are read to their end (every page), so a list request has no cursor. */
export type ProtocolRequest =
  | { method: 'prompts/list' | 'resources/list' | 'resources/templates/list' | 'ping' }
  | { method: 'prompts/get'; params: { name: string; arguments: Record<string, string> } }
  | { method: 'completion/complete'; params: CompleteParams }
  | { method: 'resources/subscribe' | 'resources/unsubscribe'; params: { uri: string } };

export interface CompleteParams {
  ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };
  argument: { name: string; value: string };
  context?: { arguments: Record<string, string> };
}

/** A simulated Claude Code session: one MCP client per required server. */
export interface McpSession {
  callTool(server: string, tool: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallOutcome>;
  readResource(server: string, uri: string, options?: CallOptions): Promise<CallOutcome>;
  listTools(server: string, options?: CallOptions): Promise<CallOutcome>;
  /** Any other request; the value is the whole result (a list: every page's items under the list's key). */
  request(server: string, request: ProtocolRequest, options?: CallOptions): Promise<CallOutcome>;
  /** Replaces the roots and sends `notifications/roots/list_changed` to every connected server, when the
   * client declares `roots.listChanged`; resolves to the servers told. */
  setRoots(roots: Root[]): Promise<string[]>;
  /** The roots `roots/list` answers now. */
  roots(): Root[];
  /** Waits for a notification from `server` that `accept` takes; resolves (never rejects) at the timeout. */
  waitForNotification(server: string, accept: (n: ReceivedNotification) => boolean, options: WaitOptions): Promise<NotificationWait>;
  info(): ServerInfo[];
  /** Closes every client; stdio servers are terminated. Never throws, never hangs. */
  close(): Promise<void>;
}

/** What openSession returns: the session, plus the servers that could not connect at start (each with an
 * `error` naming the server and its URL or command). Calls to those still try to reconnect. */
export interface OpenedSession extends McpSession {
  readonly failed: ServerInfo[];
}
