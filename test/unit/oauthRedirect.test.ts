// The browser's part of a sign-in, done by followAuthorization: each answer an authorization server can
// give that is not a code for our request is refused with what it was, on a small real HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { followAuthorization } from '../../src/mcp/oauthRedirect.js';

const CALLBACK = 'http://localhost:7777/callback';
let server: Server;
let origin = '';
/** Path → what the server answers there: a Location to redirect to, or a status and body. */
const answers = new Map<string, { location: string } | { status: number; body: string }>();

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers.get(new URL(req.url ?? '/', origin).pathname);
    if (!answer) res.writeHead(404).end('no such page');
    else if ('location' in answer) res.writeHead(302, { location: answer.location }).end();
    else res.writeHead(answer.status).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const authorize = (path: string): URL => new URL(`${origin}${path}?state=s1&client_id=c`);

test('redirects are followed, relative ones too, until the callback; its code is the result', async () => {
  answers.set('/authorize', { location: '/consent' });
  answers.set('/consent', { location: `${CALLBACK}?code=the-code&state=s1` });
  expect(await followAuthorization(authorize('/authorize'), CALLBACK)).toBe('the-code');
});

test('what is not a code for our request is refused, saying what it was', async () => {
  answers.set('/other-state', { location: `${CALLBACK}?code=x&state=s2` });
  answers.set('/no-code', { location: `${CALLBACK}?state=s1` });
  answers.set('/denied', { location: `${CALLBACK}?error=access_denied&state=s1` });
  answers.set('/loop', { location: '/loop' });
  answers.set('/bad', { status: 400, body: '\n{"error":"invalid_request"}\n' });
  const refusal = (path: string): Promise<string> => followAuthorization(authorize(path), CALLBACK).then(() => 'a code', (e: Error) => e.message);
  expect(await refusal('/other-state')).toBe('the redirect carried state "s2", not the "s1" the authorization request sent: not the answer to our request');
  expect(await refusal('/no-code')).toBe('the redirect to the callback carried no authorization code');
  expect(await refusal('/denied')).toBe('the authorization server refused to authorize: access_denied');
  expect(await refusal('/loop')).toBe(`the authorization request was redirected more than 10 times without reaching ${CALLBACK}`);
  expect(await refusal('/bad')).toBe('the authorization server refused the authorization request with HTTP 400: {"error":"invalid_request"}');
  expect(await refusal('/missing')).toBe('the authorization server refused the authorization request with HTTP 404: no such page');
});
