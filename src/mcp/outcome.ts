// What a call came to, as data. A tool failure (`isError: true`) is a result; transport and protocol
// failures arrive as thrown errors and are sorted here into unavailable / timeout / protocol_error.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { descriptorUse, exhaustionMessage, exhaustionOf } from '../process/descriptors.js';
import { UnreadableReply, quoteBytes } from './noise.js';
import { PaginationError } from './pages.js';
import { AmbiguousToolName } from './toolList.js';
import type { OutcomeKind } from './types.js';
import { OutputCapExceeded } from './wireCap.js';

/** Why the session gave up on a connection; in-flight calls are aborted with it. */
export class ConnectionLost extends Error {
  override readonly name = 'ConnectionLost';

  /** `sessionGone`: the first sign of the loss was a 404, so the server is a new process that never saw
   * the requests still pending on this connection. */
  constructor(message: string, readonly sessionGone = false) {
    super(message);
  }
}

/** The caller's own abort signal fired. */
export class CallerAborted extends Error {
  override readonly name = 'CallerAborted';
  constructor() {
    super('aborted by the caller');
  }
}

export interface Failure {
  /** `tool_error` only for a reply over the output cap, which Claude Code reports as the tool's failure. */
  kind: Exclude<OutcomeKind, 'ok'>;
  /** What happened, without the server name (the session prefixes it). */
  detail: string;
}

const REQUEST_TIMEOUT: number = ErrorCode.RequestTimeout;
const CONNECTION_CLOSED: number = ErrorCode.ConnectionClosed;
const UNAVAILABLE_HTTP = new Set([404, 502, 503, 504]);
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|UND_ERR_\w+)$/;

/** Sorts a thrown error. `what` names the request, e.g. `tools/call search_code`; `sessionSent`: whether
 * it carried a session id (see isSessionGone). */
export function classifyError(error: unknown, what: string, timeoutMs: number, sessionSent = true): Failure {
  if (error instanceof ConnectionLost) return { kind: 'unavailable', detail: `${what}: ${error.message}` };
  if (error instanceof CallerAborted) return { kind: 'timeout', detail: `${what} was aborted by the caller` };
  if (error instanceof OutputCapExceeded) {
    const { bytes, tokens } = error.limit;
    return { kind: 'tool_error', detail: `${what} returned more than ${bytes.toLocaleString('en-US')} bytes, far over the output cap of ${tokens.toLocaleString('en-US')} tokens (MAX_MCP_OUTPUT_TOKENS); the rest was not read` };
  }
  if (error instanceof UnreadableReply) return { kind: 'protocol_error', detail: `${what}: ${error.message}` };
  if (error instanceof PaginationError) return { kind: 'protocol_error', detail: error.message };
  if (error instanceof AmbiguousToolName) return { kind: 'protocol_error', detail: `${what}: ${error.message}` };
  if (error instanceof McpError) {
    if (error.code === REQUEST_TIMEOUT) return { kind: 'timeout', detail: `no answer to ${what} within ${timeoutMs} ms` };
    if (error.code === CONNECTION_CLOSED) return { kind: 'unavailable', detail: `connection closed during ${what}` };
    return { kind: 'protocol_error', detail: `${what} failed with JSON-RPC error ${error.code}: ${stripMcpPrefix(error.message)}` };
  }
  const lost = connectionFailure(error, sessionSent);
  if (lost) return { kind: 'unavailable', detail: `${what}: ${lost}` };
  const status = httpStatus(error);
  if (status !== undefined) return { kind: 'protocol_error', detail: `${what} was refused with ${describeError(error)}` };
  if (isZodError(error)) return { kind: 'protocol_error', detail: `invalid result for ${what}: ${zodSummary(error)}` };
  return { kind: 'protocol_error', detail: `${what} failed: ${errorText(error)}` };
}

/** For errors that mean the connection or session is gone: what happened, in a few words. Undefined for
 * anything else (a refused request, a bad result, noise reported through `onerror`). */
export function connectionFailure(error: unknown, sessionSent: boolean): string | undefined {
  if (error instanceof UnreadableReply) return undefined;
  // Before the network codes: "fetch failed (connect EMFILE …)" hides what to do about it.
  const exhausted = exhaustionOf(error);
  if (exhausted) return exhaustionMessage(exhausted, descriptorUse());
  const status = httpStatus(error);
  if (isSessionGone(error, sessionSent)) return 'session not found (HTTP 404): the server no longer knows this session';
  if (status !== undefined) return UNAVAILABLE_HTTP.has(status) ? `the server answered HTTP ${status}` : undefined;
  const network = networkCode(error);
  if (network) return `connection failed (${network})`;
  if (error instanceof SseError) return `the SSE stream failed (${errorText(error).replace(/^SSE error: /, '')})`;
  const text = errorText(error);
  if (/^(SSE stream disconnected|Failed to reconnect SSE stream|Maximum reconnection attempts)/.test(text)) return `the stream broke (${text})`;
  if (/^Not connected$|^fetch failed|other side closed|terminated/i.test(text)) return `the connection broke (${text})`;
  return undefined;
}

/** HTTP 404 on a request that carried a session id: the server (restarted) never processed it, so the
 * MCP spec has the client start a new session, and sending the request again is safe. Without a session
 * id (a stateless server) a 404 is only a status: there is no session to lose. */
export function isSessionGone(error: unknown, sessionSent: boolean): boolean {
  return sessionSent && httpStatus(error) === 404;
}

export function isRequestTimeout(error: unknown): boolean {
  return error instanceof McpError && error.code === REQUEST_TIMEOUT;
}

/** Whether an error from a failed connect is only the echo of an earlier, better-described loss. */
export function isConnectionClosed(error: unknown): boolean {
  return error instanceof McpError && error.code === CONNECTION_CLOSED;
}

/** The journey's view of a result: structuredContent, else the first text parsed as JSON, else that text. */
export function toolValue(result: { content?: unknown; structuredContent?: unknown; isError?: unknown }): unknown {
  const content = Array.isArray(result.content) ? (result.content as { type?: unknown; text?: unknown }[]) : [];
  if (result.isError === true) return content.flatMap((c) => (typeof c.text === 'string' ? [c.text] : [])).join('\n');
  if (result.structuredContent !== undefined) return result.structuredContent;
  return firstText(content) ?? content;
}

export function resourceValue(result: { contents?: unknown }): unknown {
  const contents = Array.isArray(result.contents) ? (result.contents as { text?: unknown; blob?: unknown }[]) : [];
  const text = firstText(contents);
  if (text !== undefined) return text;
  const blob = contents.find((c) => typeof c.blob === 'string');
  return blob ? blob.blob : contents;
}

function firstText(items: readonly { text?: unknown }[]): unknown {
  for (const item of items) if (typeof item.text === 'string') return parseMaybeJson(item.text);
  return undefined;
}

const JSON_START = /^\s*[[{"\d-]|^\s*(true|false|null)\s*$/;

function parseMaybeJson(text: string): unknown {
  if (!JSON_START.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` (${cause.message})` : '';
  return `${error.message}${causeText}`.replace(/\s+/g, ' ').trim();
}

/** errorText, but an HTTP error is its status and the first line of its body (an error page can be a
 * whole HTML document). */
export function describeError(error: unknown): string {
  const status = httpStatus(error);
  if (status === undefined) return errorText(error);
  const body = error instanceof Error ? error.message.replace(/^(Streamable HTTP error: )?Error POSTing to endpoint( \(HTTP \d{3}\))?: ?/, '') : '';
  const firstLine = body.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  return `HTTP ${status}: ${firstLine === '' ? '(empty body)' : quoteBytes(firstLine)}`;
}

function stripMcpPrefix(message: string): string {
  return message.replace(/^(MCP error -?\d+: )+/, '');
}

function httpStatus(error: unknown): number | undefined {
  if (error instanceof StreamableHTTPError && typeof error.code === 'number' && error.code > 0) return error.code;
  // The SSE transport reports a refused POST only in its message.
  const match = error instanceof Error ? /Error POSTing to endpoint \(HTTP (\d{3})\)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
  }
  return undefined;
}

export function isZodError(error: unknown): error is Error & { issues: unknown[] } {
  return error instanceof Error && Array.isArray((error as { issues?: unknown }).issues);
}

function zodSummary(error: { issues: unknown[] }): string {
  const first = error.issues[0] as { path?: unknown[]; message?: string } | undefined;
  const path = first?.path?.length ? first.path.map(String).join('.') : '(root)';
  return `${path}: ${first?.message ?? 'does not match the MCP result schema'}`;
}
