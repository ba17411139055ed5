// OAuth for one server of a session, as Claude Code signs in: the SDK's auth() does the discovery
// (protected-resource then authorization-server metadata), dynamic client registration, PKCE, the token
// exchange and refresh; this provider keeps what it learns for the session (across reconnections), follows
// the authorization redirect without a browser, and hands every secret it learns to the masking.
import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import { createPrivateKeyJwtAuth } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { OAuthMetadataSchema, type OAuthClientInformationMixed, type OAuthClientMetadata, type OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { checkResourceAllowed } from '@modelcontextprotocol/sdk/shared/auth-utils.js';
import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { learnSecret } from '../common/learntSecrets.js';
import { fetchFailure, followAuthorization, SignInError } from './oauthRedirect.js';
import type { OAuthSettings } from './types.js';

/** Claude Code picks a free port when none is configured. Nothing listens on it here (the code is taken
 * from the redirect itself), so one port per process, chosen at random, serves as well. */
const DEFAULT_CALLBACK_PORT = 49152 + Math.floor(Math.random() * 16000);

export class SessionOAuth implements OAuthClientProvider {
  readonly clientMetadataUrl: string | undefined;
  readonly addClientAuthentication: OAuthClientProvider['addClientAuthentication'];
  private client: OAuthClientInformationMixed | undefined;
  private tokenSet: OAuthTokens | undefined;
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  /** The code of the last authorization, until it is exchanged. */
  private code: string | undefined;
  private readonly redirect: string | undefined;

  /** Set only when the session reaches the server through a proxy (`configuredUrl`): the protected
   * resource is then checked against the server's own URL, not the proxy's. Left unset otherwise, so
   * the SDK sends the metadata's resource verbatim. */
  readonly validateResourceURL?: (serverUrl: string | URL, resource?: string) => Promise<URL | undefined>;

  constructor(readonly settings: OAuthSettings, configuredUrl?: string) {
    this.clientMetadataUrl = settings.clientMetadataUrl;
    this.redirect = settings.grantType === 'client_credentials' ? undefined : `http://localhost:${settings.callbackPort ?? DEFAULT_CALLBACK_PORT}/callback`;
    if (settings.clientId !== undefined) {
      this.client = { client_id: settings.clientId, ...(settings.clientSecret === undefined ? {} : { client_secret: settings.clientSecret }) };
    }
    this.addClientAuthentication = settings.privateKey !== undefined && settings.clientId !== undefined
      ? createPrivateKeyJwtAuth({ issuer: settings.clientId, subject: settings.clientId, privateKey: settings.privateKey, alg: settings.signingAlgorithm ?? 'RS256' })
      : undefined;
    if (configuredUrl !== undefined) this.validateResourceURL = (_proxyUrl, resource) => Promise.resolve(checkedResource(configuredUrl, resource));
  }

  get redirectUrl(): string | undefined {
    return this.redirect;
  }

  get clientMetadata(): OAuthClientMetadata {
    const { settings } = this;
    const method = settings.privateKey !== undefined ? 'private_key_jwt' : settings.clientSecret !== undefined ? 'client_secret_basic' : 'none';
    return {
      client_name: 'Claude Code (mcp-journeys)',
      redirect_uris: this.redirect === undefined ? [] : [this.redirect],
      grant_types: settings.grantType === 'client_credentials' ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
      response_types: settings.grantType === 'client_credentials' ? [] : ['code'],
      token_endpoint_auth_method: method,
      ...(settings.scopes === undefined ? {} : { scope: settings.scopes }),
    };
  }

  state(): string {
    return randomBytes(16).toString('base64url');
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.client;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    learnSecret(info.client_secret);
    this.client = info;
  }

  tokens(): OAuthTokens | undefined {
    return this.tokenSet;
  }

  saveTokens(tokens: OAuthTokens): void {
    learnSecret(tokens.access_token);
    learnSecret(tokens.refresh_token);
    learnSecret(tokens.id_token);
    this.tokenSet = tokens;
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    if (this.redirect === undefined) throw new SignInError('the server asked for an interactive sign-in, which "client_credentials" does not do');
    this.code = await followAuthorization(authorizationUrl, this.redirect);
  }

  saveCodeVerifier(codeVerifier: string): void {
    learnSecret(codeVerifier);
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new SignInError('no PKCE code verifier was saved before the code exchange');
    return this.verifier;
  }

  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.settings.grantType !== 'client_credentials') return undefined;
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    const wanted = scope ?? this.settings.scopes;
    if (wanted) params.set('scope', wanted);
    return params;
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    const url = this.settings.authServerMetadataUrl;
    if (this.discovery === undefined && url !== undefined) {
      // Configured instead of discovered: the SDK then skips its discovery chain for the authorization server.
      const metadata = await fetchMetadata(url);
      this.discovery = { authorizationServerUrl: metadata.issuer, authorizationServerMetadata: metadata };
    }
    return this.discovery;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'tokens') this.tokenSet = undefined;
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
    // A configured client stays; only one this session registered can be registered again.
    if ((scope === 'all' || scope === 'client') && this.client?.client_id !== this.settings.clientId) this.client = undefined;
  }

  /** The code the last authorization brought back, once: the caller exchanges it. */
  takeCode(): string | undefined {
    const code = this.code;
    this.code = undefined;
    return code;
  }
}

function checkedResource(serverUrl: string, resource: string | undefined): URL | undefined {
  if (resource === undefined) return undefined;
  if (!checkResourceAllowed({ requestedResource: serverUrl, configuredResource: resource })) {
    throw new SignInError(`the protected resource metadata names ${resource}, which is not ${serverUrl} (or a parent of it)`);
  }
  return new URL(resource);
}

async function fetchMetadata(url: string): Promise<ReturnType<typeof OAuthMetadataSchema.parse>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new SignInError(`cannot fetch the authorization server metadata at ${url} (authServerMetadataUrl): ${fetchFailure(error)}`);
  }
  if (!response.ok) throw new SignInError(`the authorization server metadata at ${url} (authServerMetadataUrl) answered HTTP ${response.status}`);
  const parsed = OAuthMetadataSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new SignInError(`${url} (authServerMetadataUrl) is not authorization server metadata: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** Whether an error came from signing in (the redirect, the authorization server, the SDK's OAuth flow). */
export function isSignInError(error: unknown): boolean {
  return error instanceof SignInError || error instanceof OAuthError || (error instanceof Error && error.name === 'UnauthorizedError');
}

/** For a server with OAuth: the MCP endpoint's requests go through `mcpFetch` (read and checked as
 * JSON-RPC), the sign-in's (metadata, registration, token) as they are. */
export function splitFetch(endpoint: URL, mcpFetch: typeof fetch): typeof fetch {
  return (input, init) => (requestUrl(input) === endpoint.href ? mcpFetch(input, init) : fetch(input, init));
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return new URL(input).href;
  return input instanceof URL ? input.href : input.url;
}
