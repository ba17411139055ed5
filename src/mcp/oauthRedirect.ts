// The browser's part of an authorization code sign-in, done without a browser: the authorization URL is
// fetched and its redirects followed until one leads to our callback, and the code is taken from there.
// This only works with authorization servers that approve at once (test servers, or ones set up to
// trust the client); one that shows a sign-in page gets a message that says so.
import { learnSecret } from '../common/learntSecrets.js';

/** A sign-in that cannot succeed; its message says why, for a person to act on. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

const MAX_HOPS = 10;

/** Follows `authorizationUrl` to `redirectUrl` and returns the authorization code it carries. */
export async function followAuthorization(authorizationUrl: URL, redirectUrl: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const state = authorizationUrl.searchParams.get('state');
  const callback = new URL(redirectUrl);
  let at = authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (isCallback(at, callback)) return codeFrom(at, state);
    let response: Response;
    try {
      response = await fetchFn(at, { redirect: 'manual', headers: { accept: 'text/html, application/json' } });
    } catch (error) {
      throw new SignInError(`the authorization request to ${at.origin}${at.pathname} failed: ${fetchFailure(error)}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      at = new URL(location, at);
      continue;
    }
    const body = (await response.text().catch(() => '')).trim();
    const said = body.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200);
    if (response.ok) {
      throw new SignInError(`the authorization server answered ${at.origin}${at.pathname} with a page (HTTP ${response.status}), not a redirect to ${redirectUrl}: it wants a person to sign in. Journeys need an authorization server that approves without a browser, or "grantType": "client_credentials", or a token in "headers"`);
    }
    throw new SignInError(`the authorization server refused the authorization request with HTTP ${response.status}${said ? `: ${said}` : ''}`);
  }
  throw new SignInError(`the authorization request was redirected more than ${MAX_HOPS} times without reaching ${redirectUrl}`);
}

/** fetch says only "fetch failed"; its cause has the network error's code. */
export function fetchFailure(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function isCallback(url: URL, callback: URL): boolean {
  return url.origin === callback.origin && url.pathname === callback.pathname;
}

function codeFrom(url: URL, state: string | null): string {
  const params = url.searchParams;
  const code = params.get('code');
  learnSecret(code ?? undefined);
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    throw new SignInError(`the authorization server refused to authorize: ${error}${description ? ` (${description})` : ''}`);
  }
  if (state !== null && params.get('state') !== state) {
    throw new SignInError(`the redirect carried state ${JSON.stringify(params.get('state'))}, not the ${JSON.stringify(state)} the authorization request sent: not the answer to our request`);
  }
  if (!code) throw new SignInError('the redirect to the callback carried no authorization code');
  return code;
}
