// The requests a server may send the session, answered as Claude Code answers them: `roots/list` with the
// session's roots, elicitation and sampling from the journey's script. A capability the profile does not
// declare gets no handler, so the SDK answers -32601 Method not found, as Claude Code's client does.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ErrorCode, LATEST_PROTOCOL_VERSION, ListRootsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ClientProfile, Root, ServerAnswers, ServerRequest, ServerRequestMethod } from './types.js';

export interface ClientSide {
  profile: ClientProfile;
  roots: () => Root[];
  answers?: ServerAnswers;
  /** Told of every elicitation and sampling request, once answered. */
  heard: (request: ServerRequest) => void;
}

export function installHandlers(client: Client, server: string, side: ClientSide): void {
  const caps = side.profile.capabilities;
  if (caps['roots'] !== undefined) client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: side.roots() }));
  if (caps['elicitation'] !== undefined) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      const params = request.params as Record<string, unknown>;
      // Nothing scripted: cancel, as a dismissed dialog does, so the tool call ends; the step then fails.
      return answer(server, 'elicitation/create', params, side, side.answers?.elicit, { action: 'cancel' });
    });
  }
  if (caps['sampling'] !== undefined) {
    client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      const params = request.params as Record<string, unknown>;
      return answer(server, 'sampling/createMessage', params, side, side.answers?.sample, undefined);
    });
  }
}

function answer(
  server: string, method: ServerRequestMethod, params: Record<string, unknown>, side: ClientSide,
  script: ServerAnswers['elicit'], fallback: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const scripted = script ? script(server, params) : { unanswered: `${server} sent ${method}, and the journey scripts no answers to it (session.${method === 'elicitation/create' ? 'elicitation' : 'sampling'})` };
  if ('result' in scripted) {
    side.heard({ server, method, params, result: scripted.result, rule: scripted.rule });
    return scripted.result;
  }
  if (fallback) {
    side.heard({ server, method, params, result: fallback, unanswered: scripted.unanswered });
    return fallback;
  }
  const error = { code: ErrorCode.InvalidRequest, message: `no scripted answer: ${scripted.unanswered}` };
  side.heard({ server, method, params, error, unanswered: scripted.unanswered });
  throw new McpError(error.code, error.message);
}

/** The SDK always offers its newest protocol version; a profile for an older release offers its own. */
export function announceVersion(transport: Transport, version: string): void {
  if (version === LATEST_PROTOCOL_VERSION) return;
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if ('method' in message && message.method === 'initialize' && 'id' in message) {
      return send({ ...message, params: { ...message.params, protocolVersion: version } }, options);
    }
    return send(message, options);
  };
}
