// The request a step sent and the response it got, as masked JSON attachments on the step. Shapes follow
// the MCP JSON-RPC methods (an http step's, the HTTP request) so a reader can replay a call by hand.
import { maskedJson } from './mask.js';

export interface Attachment {
  name: string;
  contentType: string;
  body: string;
}

export type StepRequest =
  | { kind: 'call'; server: string; tool: string; args: unknown }
  | { kind: 'read'; server: string; uri: string }
  | { kind: 'list_tools'; server: string }
  /** Any other MCP request (`params` absent for those that take none). */
  | { kind: 'mcp'; server: string; request: { method: string; params?: unknown } }
  | { kind: 'wait_for'; server: string; method: string; params?: unknown }
  | { kind: 'sql'; connection: string; database?: string; query: string; params: unknown[] }
  | { kind: 'http'; server: string; method: string; url: string; headers: Record<string, string>; body?: unknown };

/** What came back, as far as a report shows it (a structural subset of the session's CallOutcome). */
export interface StepResponse {
  kind: string;
  value?: unknown;
  /** The raw MCP result, when there is one; preferred over `value`. */
  raw?: unknown;
  message?: string;
  latencyMs?: number;
  totalMs?: number;
  attempts?: readonly unknown[];
  truncated?: unknown;
  /** Notifications received during the step (`at` on the monotonic clock). */
  notifications?: readonly { method: string; params: unknown; at: number }[];
  /** What the server asked the session meanwhile (elicitation, sampling) and what it was answered. */
  serverRequests?: readonly ServerRequestShown[];
}

/** A structural subset of the session's ServerRequest. */
export interface ServerRequestShown {
  server: string;
  method: string;
  params: unknown;
  result?: unknown;
  error?: unknown;
  rule?: string;
  unanswered?: string;
}

export function requestBody(request: StepRequest): unknown {
  switch (request.kind) {
    case 'call': return { server: request.server, method: 'tools/call', params: { name: request.tool, arguments: request.args } };
    case 'read': return { server: request.server, method: 'resources/read', params: { uri: request.uri } };
    case 'list_tools': return { server: request.server, method: 'tools/list' };
    case 'mcp': return { server: request.server, ...request.request };
    // Nothing is sent: what is waited for.
    case 'wait_for': return { server: request.server, wait_for: request.method, ...(request.params === undefined ? {} : { params: request.params }) };
    case 'sql': return { connection: request.connection, ...(request.database ? { database: request.database } : {}), query: request.query, params: request.params };
    case 'http': return { server: request.server, method: request.method, url: request.url, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) };
  }
}

export function responseBody(response: StepResponse): unknown {
  const body: Record<string, unknown> = { outcome: response.kind };
  if (response.raw !== undefined) body['result'] = response.raw;
  else if (response.value !== undefined) body['result'] = response.value;
  if (response.message !== undefined) body['message'] = response.message;
  if (response.latencyMs !== undefined) body['latency_ms'] = Math.round(response.latencyMs);
  if (response.totalMs !== undefined && response.latencyMs !== undefined && Math.round(response.totalMs) !== Math.round(response.latencyMs)) {
    body['total_ms'] = Math.round(response.totalMs);
  }
  if (response.attempts && response.attempts.length > 1) body['attempts'] = response.attempts;
  if (response.truncated !== undefined) body['truncated'] = response.truncated;
  return body;
}

/** What one server request shows: the request as sent, and the answer (or error) the session gave. */
export function serverRequestBody(request: ServerRequestShown): unknown {
  const body: Record<string, unknown> = { server: request.server, method: request.method, params: request.params };
  if (request.result !== undefined) body['answer'] = request.result;
  if (request.error !== undefined) body['error'] = request.error;
  if (request.rule !== undefined) body['answered_by'] = request.rule;
  if (request.unanswered !== undefined) body['unanswered'] = request.unanswered;
  return body;
}

/** The notifications in arrival order, each with its time after the first (ms). */
function notificationsBody(notifications: NonNullable<StepResponse['notifications']>): unknown {
  const first = notifications[0]?.at ?? 0;
  return notifications.map((n) => ({ method: n.method, params: n.params, after_ms: Math.round(n.at - first) }));
}

/** `request`, one attachment per server request it drew (`elicitation/create 1` …), `response` and, when
 * the server sent any, `notifications` (application/json, secrets masked), in that order. */
export function exchangeAttachments(request: StepRequest, response: StepResponse | undefined): Attachment[] {
  const out: Attachment[] = [{ name: 'request', contentType: 'application/json', body: maskedJson(requestBody(request)) }];
  (response?.serverRequests ?? []).forEach((r, i) => {
    out.push({ name: `${r.method} ${i + 1}`, contentType: 'application/json', body: maskedJson(serverRequestBody(r)) });
  });
  if (response) out.push({ name: 'response', contentType: 'application/json', body: maskedJson(responseBody(response)) });
  if (response?.notifications?.length) out.push({ name: 'notifications', contentType: 'application/json', body: maskedJson(notificationsBody(response.notifications)) });
  return out;
}
