// The README's journey examples run as written against the embedded stack, server-everything, the
// protocol test server and the README's OAuth configuration (their validation is checked in
// test/unit/readme.test.ts): a reader who copies one gets a passing journey.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { readTextTree, runJourneys } from '../support/inline.js';
import { readmeExamples, writeReadmeConfig } from '../support/readme.js';
import { startOAuthServer } from '../support/servers/oauthServer.js';

test('every README journey example passes on the embedded stack, server-everything, proto and the OAuth servers', async () => {
  test.setTimeout(600_000);
  const examples = readmeExamples();
  const files = Object.fromEntries(examples.map((e) => [e.path.replace(/^journeys\//, ''), e.text]));
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-readme-config-'));
  // What the README's OAuth example expects of its servers: journeys-app pre-registered as a public client
  // with its callback port, ci-runner with the secret of ${CI_TOOLS_SECRET}.
  const ciSecret = `ci-secret-${process.pid}-readme`;
  const docs = await startOAuthServer({ client: { id: 'journeys-app', redirectUris: ['http://localhost:8080/callback'] } });
  const ciTools = await startOAuthServer({ client: { id: 'ci-runner', secret: ciSecret } });
  const reports = new Map<string, string>();
  try {
    const run = await runJourneys({
      files,
      mcpConfigPath: writeReadmeConfig(dir, { docs: docs.url, 'ci-tools': ciTools.url }),
      env: { CI_TOOLS_SECRET: ciSecret, CI_KEY_PEM: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      args: ['--workers=1', '--retries=0'],
      timeoutMs: 540_000,
      afterRun: (runDir) => {
        for (const folder of ['allure-results', 'test-results']) for (const [path, text] of readTextTree(join(runDir, folder))) reports.set(relative(runDir, path), text);
        return Promise.resolve();
      },
    });
    const journeys = examples.filter((e) => e.path.endsWith('.journey.yaml')).length;
    expect(run.output).toContain(`${journeys} passed`);
    expect(run.exitCode, run.output).toBe(0);
    // The sign-ins happened as the configuration says: PKCE for docs with its scope, client credentials for ci-tools.
    expect(docs.log.filter((e) => e.kind !== 'mcp').map((e) => e.kind)).toEqual(['authorize', 'token']);
    expect(docs.log.find((e) => e.kind === 'authorize')).toMatchObject({ clientId: 'journeys-app', codeChallengeMethod: 'S256', scope: 'docs:read' });
    expect(ciTools.log.filter((e) => e.kind === 'token')).toEqual([{ kind: 'token', grant: 'client_credentials', clientId: 'ci-runner', ok: true }]);
    const secrets = [...docs.issued, ...ciTools.issued, ciSecret];
    expect(docs.issued.length).toBeGreaterThan(0);
    reports.set('console', run.output);
    const leaks = [...reports].flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 3)}… in ${where}`));
    expect(leaks).toEqual([]);
  } finally {
    await docs.stop();
    await ciTools.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
