// Streamable HTTP with a sign-in that finishes by itself. On a 401 (or a 403 asking for more scope) the
// SDK transport runs auth(), which ends with a redirect to the browser and an UnauthorizedError for the
// application to finish; here the provider has already followed the redirect, so the code is exchanged
// and the message sent again, as a person finishing the sign-in in the browser would make happen.
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport, type StreamableHTTPClientTransportOptions } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { SessionOAuth } from './oauth.js';
import { SignInError } from './oauthRedirect.js';

/** Sign-ins for one message before giving up: a server that never accepts what it asked for would
 * otherwise loop (the conformance suite's scope-retry-limit allows 3). */
const MAX_SIGN_INS = 3;

type SendOptions = Parameters<StreamableHTTPClientTransport['send']>[1];

export class SigningInTransport extends StreamableHTTPClientTransport {
  constructor(url: URL, options: StreamableHTTPClientTransportOptions, private readonly signIn: SessionOAuth) {
    super(url, { ...options, authProvider: signIn });
  }

  override async send(message: JSONRPCMessage | JSONRPCMessage[], options?: SendOptions): Promise<void> {
    for (let signIns = 0; ; signIns++) {
      try {
        return await super.send(message, options);
      } catch (error) {
        const code = this.signIn.takeCode();
        if (!(error instanceof UnauthorizedError) || code === undefined) throw error;
        if (signIns >= MAX_SIGN_INS) throw new SignInError(`signed in ${MAX_SIGN_INS} times for one request and the server still refused it`, { cause: error });
        await this.finishAuth(code);
      }
    }
  }
}
