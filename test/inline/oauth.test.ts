// What a sign-in learns at run time (the access and refresh tokens, the authorization code) never reaches a
// report: a journey signs in to the OAuth test server, whose `tell` tool answers with the very token it was
// reached with (no "Bearer " before it to give it away), saves it and fails quoting it. No issued secret
// is in allure-results, test-results or the console; the mask is where the token was.
import { join, relative } from 'node:path';
import { test, expect } from '@playwright/test';
import { MASK } from '../../src/report/mask.js';
import { readTextTree, runJourneys } from '../support/inline.js';
import { startOAuthServer } from '../support/servers/oauthServer.js';

test.describe.configure({ timeout: 240_000 });

const journey = `test_id: 0b9f3c2e-6a41-4d7e-8f25-3c1a9e7d5b60
test_name: A signed-in server that echoes its token
description: The token the session learnt is masked wherever the journey shows it.
servers_required: [guarded]
test_steps:
  - name: Who am I
    call: guarded.whoami
    expect: { result: { $.client: { matches: "^client-" } } }
  - name: A tool error comes through the signed-in session
    call: guarded.refuse
    expect: { error: refused }
  - name: The server tells its token
    call: guarded.tell
    save: { seen: $ }
  - name: Quote it in a failure
    call: guarded.whoami
    expect: { result: { $.client: "\${seen}" } }
`;

test('no token, refresh token or code of a sign-in reaches allure-results, test-results or the console', async () => {
  const server = await startOAuthServer();
  const files = new Map<string, string>();
  try {
    const run = await runJourneys({
      files: { 'oauth/echo.journey.yaml': journey },
      mcpConfig: { mcpServers: { guarded: { type: 'http', url: server.url, oauth: { callbackPort: 8977 }, tools: ['whoami', 'tell', 'refuse'] } } },
      afterRun: (dir) => {
        for (const folder of ['allure-results', 'test-results']) for (const [path, text] of readTextTree(join(dir, folder))) files.set(relative(dir, path), text);
        return Promise.resolve();
      },
    });
    expect(run.exitCode, run.output).toBe(1);
    // The sign-in happened and handed out what the test looks for.
    expect(server.accessTokens.length, run.output).toBeGreaterThan(0);
    expect(server.issued.filter((s) => s.startsWith('code-')).length).toBeGreaterThan(0);
    const outputs = new Map([...files, ['console', run.output]]);
    const leaks = [...outputs].flatMap(([where, text]) => server.issued.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 3)}… in ${where}`));
    expect(leaks).toEqual([]);
    expect([...files.keys()].some((p) => p.startsWith('allure-results/'))).toBe(true);
    // Where the token was, the mask is: in the response attached to the step, and in the failure.
    expect([...files.values()].some((t) => t.includes(`"text": "seen credentials=${MASK}"`))).toBe(true);
    expect(run.output).toContain(`seen credentials=${MASK}`);
  } finally {
    await server.stop();
  }
});
