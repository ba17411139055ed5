// OAuth as Claude Code signs in, against the OAuth-protected test server: discovery, dynamic client
// registration, PKCE authorization code with the redirect followed without a browser, refresh when the
// token has expired, client credentials for CI, and a refused sign-in with a message that says so.
import { test, expect } from '@playwright/test';
import { openSession, type McpConfig, type OAuthSettings, type OpenedSession } from '../../src/mcp/index.js';
import { maskText } from '../../src/report/mask.js';
import { startOAuthServer, type OAuthEvent, type RunningOAuthServer } from '../support/servers/oauthServer.js';
import { FAST } from './harness.js';

const servers: RunningOAuthServer[] = [];
const sessions: OpenedSession[] = [];

test.afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function signedIn(oauth: OAuthSettings, options: Parameters<typeof startOAuthServer>[0] = {}): Promise<{ server: RunningOAuthServer; session: OpenedSession }> {
  const server = await startOAuthServer(options);
  servers.push(server);
  const config: McpConfig = { source: 'oauth.test.ts', servers: { guarded: { name: 'guarded', type: 'http', url: server.url, oauth } } };
  const session = await openSession(config, ['guarded'], { ...FAST, reconnect: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 } });
  sessions.push(session);
  return { server, session };
}

const kinds = (log: OAuthEvent[]): string[] => log.filter((e) => e.kind !== 'mcp').map((e) => (e.kind === 'token' ? `token ${e.grant}${e.ok ? '' : ` refused (${e.error})`}` : e.kind));

test('authorization code with PKCE: the client registers itself, the redirect is followed, the token is used', async () => {
  const { server, session } = await signedIn({ grantType: 'authorization_code' });
  expect(session.failed).toEqual([]);
  const call = await session.callTool('guarded', 'whoami', {});
  expect(call.kind).toBe('ok');
  const registered = server.log.find((e) => e.kind === 'register');
  expect(registered).toMatchObject({ authMethod: 'none' });
  expect(call.value).toEqual({ client: registered?.kind === 'register' ? registered.clientId : '' });
  expect(kinds(server.log)).toEqual(['register', 'authorize', 'token authorization_code']);
  // PKCE with S256, and the resource indicator of the MCP server (RFC 8707).
  expect(server.log.find((e) => e.kind === 'authorize')).toMatchObject({ codeChallengeMethod: 'S256', resource: server.url });
  // The first request was refused for want of a token; every later one carried it.
  expect(server.log.filter((e) => e.kind === 'mcp').map((e) => e.status)).toEqual([401, 200, 200, 200, 200]);
  // What the session learnt is masked wherever it would be shown.
  const token = server.accessTokens[0] ?? '';
  expect(maskText(`Authorization: ${token}`)).toBe('Authorization: ***');
});

test('an expired token is refreshed with the refresh token, without signing in again', async () => {
  const { server, session } = await signedIn({ grantType: 'authorization_code', callbackPort: 8976 });
  expect((await session.callTool('guarded', 'whoami', {})).kind).toBe('ok');
  server.expireTokens();
  const after = await session.callTool('guarded', 'whoami', {});
  expect(after.kind).toBe('ok');
  expect(kinds(server.log)).toEqual(['register', 'authorize', 'token authorization_code', 'token refresh_token']);
  expect(server.accessTokens).toHaveLength(2);
  expect(maskText(server.accessTokens.join(' '))).toBe('*** ***');
});

test('client credentials: a configured client gets its token without a redirect or a registration', async () => {
  const client = { id: 'ci-runner', secret: 'ci-runner-secret-9d1f' };
  const { server, session } = await signedIn({ grantType: 'client_credentials', clientId: client.id, clientSecret: client.secret }, { client });
  const call = await session.callTool('guarded', 'whoami', {});
  expect(call.kind).toBe('ok');
  expect(call.value).toEqual({ client: 'ci-runner' });
  expect(kinds(server.log)).toEqual(['token client_credentials']);
});

test('a refused sign-in fails the server with what the authorization server said', async () => {
  const { server, session } = await signedIn({ grantType: 'authorization_code' }, { refuse: 'access_denied' });
  expect(session.failed[0]?.error).toBe(`guarded (http ${server.url}) could not connect: OAuth sign-in failed: the authorization server refused to authorize: access_denied (the test server refuses every sign-in)`);
  const call = await session.callTool('guarded', 'whoami', {});
  expect(call.kind).toBe('unavailable');
  expect(call.message).toContain('OAuth sign-in failed: the authorization server refused to authorize: access_denied');
});

test('through a proxy, the protected resource is checked against the server\'s own URL, and a mismatch refused', async () => {
  const server = await startOAuthServer();
  servers.push(server);
  const other = 'http://127.0.0.1:1/elsewhere';
  const config: McpConfig = { source: 'oauth.test.ts', servers: { guarded: { name: 'guarded', type: 'http', url: server.url, configuredUrl: other, oauth: { grantType: 'authorization_code' } } } };
  const session = await openSession(config, ['guarded'], FAST);
  sessions.push(session);
  expect(session.failed[0]?.error).toBe(`guarded (http ${server.url}) could not connect: OAuth sign-in failed: the protected resource metadata names ${server.url}, which is not ${other} (or a parent of it)`);
  expect(kinds(server.log)).toEqual([]);
});
