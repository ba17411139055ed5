// A purpose-built OAuth-protected MCP server, in the test's own process: the MCP endpoint (/mcp, bearer
// tokens only), its protected-resource metadata, and an authorization server on the same origin that
// approves at once (no sign-in page): dynamic client registration, PKCE S256, authorization code,
// refresh token and client credentials grants. Everything it is asked is logged for the test to check.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export interface OAuthServerOptions {
  /** A client known without registration: with a secret for client credentials; a public one (no secret)
   * signs in with PKCE through the redirect URIs it lists. */
  client?: { id: string; secret?: string; redirectUris?: string[] };
  /** The authorization endpoint answers with this error instead of a code (e.g. access_denied). */
  refuse?: string;
  /** The authorization endpoint shows a sign-in page (HTTP 200) instead of redirecting. */
  signInPage?: boolean;
}

export type OAuthEvent =
  | { kind: 'register'; clientId: string; authMethod: string }
  | { kind: 'authorize'; clientId: string; codeChallengeMethod: string | undefined; resource: string | undefined; scope: string | undefined }
  | { kind: 'token'; grant: string; clientId: string | undefined; ok: boolean; error?: string }
  | { kind: 'mcp'; status: number; method: string | undefined };

export interface RunningOAuthServer {
  /** The MCP endpoint. */
  url: string;
  port: number;
  log: OAuthEvent[];
  /** Every access token issued so far, in order. */
  accessTokens: string[];
  /** Every secret it handed out: tokens, refresh tokens, codes, registered clients' secrets. */
  issued: string[];
  /** Makes every access token issued so far expired, as time would. */
  expireTokens(): void;
  stop(): Promise<void>;
}

interface Client { id: string; secret?: string; redirectUris: string[] }
interface Code { clientId: string; challenge: string; redirectUri: string; scope: string | undefined }
interface Token { clientId: string; expired: boolean }

export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<RunningOAuthServer> {
  const log: OAuthEvent[] = [];
  const clients = new Map<string, Client>();
  if (options.client) {
    const { id, secret, redirectUris = [] } = options.client;
    clients.set(id, { id, ...(secret === undefined ? {} : { secret }), redirectUris });
  }
  const codes = new Map<string, Code>();
  const access = new Map<string, Token>();
  const refresh = new Map<string, string>();
  const accessTokens: string[] = [];
  const issued: string[] = [];
  let origin = '';

  const issue = (clientId: string, withRefresh: boolean): Record<string, unknown> => {
    const token = `at-${randomBytes(12).toString('hex')}`;
    access.set(token, { clientId, expired: false });
    accessTokens.push(token);
    issued.push(token);
    const body: Record<string, unknown> = { access_token: token, token_type: 'Bearer', expires_in: 3600 };
    if (withRefresh) {
      const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
      refresh.set(refreshToken, clientId);
      issued.push(refreshToken);
      body['refresh_token'] = refreshToken;
    }
    return body;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void> = {
    'GET /.well-known/oauth-protected-resource/mcp': (_req, res) => json(res, 200, { resource: `${origin}/mcp`, authorization_servers: [origin] }),
    'GET /.well-known/oauth-authorization-server': (_req, res) => json(res, 200, {
      issuer: origin,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      registration_endpoint: `${origin}/register`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    }),
    'POST /register': async (req, res) => {
      const body = JSON.parse(await readBody(req)) as { redirect_uris?: string[]; token_endpoint_auth_method?: string };
      const authMethod = body.token_endpoint_auth_method ?? 'client_secret_basic';
      const client: Client = { id: `client-${randomBytes(6).toString('hex')}`, redirectUris: body.redirect_uris ?? [] };
      if (authMethod !== 'none') client.secret = `cs-${randomBytes(12).toString('hex')}`;
      if (client.secret) issued.push(client.secret);
      clients.set(client.id, client);
      log.push({ kind: 'register', clientId: client.id, authMethod });
      json(res, 201, { ...body, client_id: client.id, ...(client.secret ? { client_secret: client.secret } : {}), token_endpoint_auth_method: authMethod });
    },
    'GET /authorize': (_req, res, url) => {
      const q = url.searchParams;
      const clientId = q.get('client_id') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      log.push({ kind: 'authorize', clientId, codeChallengeMethod: q.get('code_challenge_method') ?? undefined, resource: q.get('resource') ?? undefined, scope: q.get('scope') ?? undefined });
      const client = clients.get(clientId);
      if (!client || !client.redirectUris.includes(redirectUri)) return json(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect_uri' });
      if (options.signInPage) {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><form>Sign in</form></body></html>');
        return;
      }
      const back = new URL(redirectUri);
      const state = q.get('state');
      if (state !== null) back.searchParams.set('state', state);
      if (options.refuse) {
        back.searchParams.set('error', options.refuse);
        back.searchParams.set('error_description', 'the test server refuses every sign-in');
      } else {
        const code = `code-${randomBytes(12).toString('hex')}`;
        issued.push(code);
        codes.set(code, { clientId, challenge: q.get('code_challenge') ?? '', redirectUri, scope: q.get('scope') ?? undefined });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { location: back.href }).end();
    },
    'POST /token': async (req, res) => {
      const form = new URLSearchParams(await readBody(req));
      const grant = form.get('grant_type') ?? '';
      const client = authenticate(req, form, clients);
      const fail = (status: number, error: string): void => {
        log.push({ kind: 'token', grant, clientId: client?.id, ok: false, error });
        json(res, status, { error, error_description: `the test server refused the ${grant} grant (${error})` });
      };
      if (!client) return fail(401, 'invalid_client');
      if (grant === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!code || code.clientId !== client.id || code.redirectUri !== form.get('redirect_uri')) return fail(400, 'invalid_grant');
        if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return fail(400, 'invalid_grant');
        log.push({ kind: 'token', grant, clientId: client.id, ok: true });
        return json(res, 200, issue(client.id, true));
      }
      if (grant === 'refresh_token') {
        if (refresh.get(form.get('refresh_token') ?? '') !== client.id) return fail(400, 'invalid_grant');
        log.push({ kind: 'token', grant, clientId: client.id, ok: true });
        return json(res, 200, issue(client.id, false));
      }
      if (grant === 'client_credentials') {
        if (client.secret === undefined) return fail(401, 'invalid_client');
        log.push({ kind: 'token', grant, clientId: client.id, ok: true });
        return json(res, 200, issue(client.id, false));
      }
      return fail(400, 'unsupported_grant_type');
    },
    'POST /mcp': async (req, res) => {
      const body = await readBody(req);
      const method = (JSON.parse(body) as { method?: string }).method;
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const token = bearer === undefined ? undefined : access.get(bearer);
      if (!token || token.expired) {
        log.push({ kind: 'mcp', status: 401, method });
        res.writeHead(401, { 'www-authenticate': `Bearer error="invalid_token", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`, 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_token', error_description: token ? 'the token has expired' : 'Missing Authorization header' }));
        return;
      }
      log.push({ kind: 'mcp', status: 200, method });
      // Stateless: a new server and transport per request, as the conformance suite's auth servers are.
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      await mcpServer(token.clientId, bearer ?? '').connect(transport);
      res.once('close', () => { void transport.close(); });
      await transport.handleRequest(req, res, JSON.parse(body));
    },
  };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const route = routes[`${req.method ?? 'GET'} ${url.pathname}`];
    if (!route) {
      res.writeHead(req.url?.startsWith('/mcp') ? 405 : 404).end();
      return;
    }
    Promise.resolve(route(req, res, url)).catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/mcp`,
    port,
    log,
    accessTokens,
    issued,
    expireTokens: () => { for (const token of access.values()) token.expired = true; },
    stop: () => new Promise((resolve) => { http.closeAllConnections(); http.close(() => resolve()); }),
  };
}

/** client_secret_basic, client_secret_post, or a public client (none) that names itself. */
function authenticate(req: IncomingMessage, form: URLSearchParams, clients: Map<string, Client>): Client | undefined {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic !== undefined) {
    const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    const client = clients.get(id);
    return client?.secret !== undefined && client.secret === secret ? client : undefined;
  }
  const client = clients.get(form.get('client_id') ?? '');
  if (!client) return undefined;
  if (client.secret === undefined) return client;
  return form.get('client_secret') === client.secret ? client : undefined;
}

/** `whoami`: the client the token was issued to; `tell`: the token itself, as a careless server might;
 * `refuse`: a tool error. */
function mcpServer(clientId: string, token: string): Server {
  const server = new Server({ name: 'oauth-test-server', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      { name: 'whoami', description: 'Which client the token was issued to', inputSchema: { type: 'object' as const } },
      { name: 'tell', description: 'The bearer token it was reached with', inputSchema: { type: 'object' as const } },
      { name: 'refuse', description: 'Always a tool error', inputSchema: { type: 'object' as const } },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    if (request.params.name === 'refuse') return { isError: true, content: [{ type: 'text', text: 'refused' }] };
    return { content: [{ type: 'text', text: request.params.name === 'tell' ? `seen credentials=${token}` : JSON.stringify({ client: clientId }) }] };
  });
  return server;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
