// Golden messages of a sign-in that cannot succeed, as a journey's step shows them: the server named with
// its address, then what the authorization server said or what it would take. Ports vary run to run and
// are written as <port>. UPDATE_GOLDEN=1 rewrites the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import getPort from 'get-port';
import { openSession, type OAuthSettings, type SessionOptions } from '../../src/mcp/index.js';
import { startOAuthServer, type OAuthServerOptions } from '../support/servers/oauthServer.js';

const GOLDEN = fileURLToPath(new URL('./oauth/sign-in.err', import.meta.url));
const OPTIONS: SessionOptions = { callTimeoutMs: 10_000, startupTimeoutMs: 10_000, maxOutputTokens: 25_000, reconnect: { attempts: 1, initialDelayMs: 10, maxDelayMs: 10 } };

async function signInMessage(oauth: OAuthSettings, server: OAuthServerOptions): Promise<string> {
  const running = await startOAuthServer(server);
  const session = await openSession({ source: 'golden', servers: { guarded: { name: 'guarded', type: 'http', url: running.url, oauth } } }, ['guarded'], OPTIONS);
  try {
    const call = await session.callTool('guarded', 'whoami', {});
    return `${session.failed[0]?.error ?? 'connected'}\n  then tools/call is ${call.kind}: ${call.message ?? ''}`.replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:<port>');
  } finally {
    await session.close();
    await running.stop();
  }
}

test('a sign-in that cannot succeed says why, and what to do', async () => {
  const closed = await getPort();
  const cases: [string, OAuthSettings, OAuthServerOptions][] = [
    ['refused', { grantType: 'authorization_code' }, { refuse: 'access_denied' }],
    ['a sign-in page', { grantType: 'authorization_code' }, { signInPage: true }],
    ['a wrong client secret', { grantType: 'client_credentials', clientId: 'ci', clientSecret: 'wrong' }, { client: { id: 'ci', secret: 'right' } }],
    ['metadata out of reach', { grantType: 'authorization_code', authServerMetadataUrl: `http://127.0.0.1:${closed}/.well-known/oauth-authorization-server` }, {}],
  ];
  const lines: string[] = [];
  for (const [name, oauth, server] of cases) lines.push(`${name}: ${await signInMessage(oauth, server)}`);
  const text = `${lines.join('\n')}\n`;
  if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
});
