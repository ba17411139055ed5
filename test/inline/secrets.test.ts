// Secrets planted where a real run has them (a Bearer header in `.mcp.json`, an env token of a stdio
// server, a literal `password` argument in the journey) and echoed back by a server that tells what it
// got, saved into variables and quoted by a failure on purpose, appear nowhere: not in allure-results,
// not in the rendered allure-report (its embedded files decoded) or its history, not in test-results
// (error-context.md, run records) and not on the console. The mask appears instead, in each place the
// secret would have been, so the test cannot pass on a run that never saw a secret.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { MASK } from '../../src/report/mask.js';
import { repoRoot, runJourneys } from '../support/inline.js';
import { startTestServer, testServerCommand } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 240_000 });

const echoServer = fileURLToPath(new URL('../support/servers/echoServer.ts', import.meta.url));
const BEARER = 'planted-bearer-7f3a9c2e';
const ENV_TOKEN = 'planted-env-41d2e8b6';
const PASSWORD = 'planted-pass-9b7c1d05';
/** Written in a step the failure never lets run: only the journey's text holds it (error-context.md quotes it all). */
const UNSENT = 'planted-unsent-5c8e2f17';
const SECRETS = { BEARER, ENV_TOKEN, PASSWORD, UNSENT };

const journey = `test_id: 5e0c2a61-3b7d-4f18-9a2c-8d1e4f6b7a90
test_name: What a careless server echoes stays out of every report
description: Both servers tell what they got; the journey saves it and fails quoting it.
servers_required: [web, local]
test_steps:
  - name: The stdio server refuses, telling its env
    call: local.tell
    args: { env: API_TOKEN, refuse: true }
    expect: { error: seen }
  - name: The HTTP server tells its header
    call: web.tell
    save: { web_seen: $ }
  - name: The stdio server tells its env and the password
    call: local.tell
    args: { env: API_TOKEN, password: ${PASSWORD} }
    save: { local_seen: $ }
    expect: { result: { $: "\${web_seen}" } }
  - name: Never reached
    call: local.tell
    args: { api_key: ${UNSENT} }
`;

/** Every file under `dir`, path → text; the single-file report's embedded files decoded as well. */
function readTree(dir: string, into = new Map<string, string>()): Map<string, string> {
  if (!existsSync(dir)) return into;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      readTree(path, into);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    into.set(path, text);
    if (name.endsWith('.html')) {
      for (const m of text.matchAll(/d\("([^"]+)","([^"]*)"\)/g)) into.set(`${path} » ${m[1] ?? ''}`, Buffer.from(m[2] ?? '', 'base64').toString('utf8'));
    }
  }
  return into;
}

test('no planted secret reaches allure-results, allure-report, test-results or the console', async () => {
  const web = await startTestServer({ transport: 'http', script: echoServer });
  const files = new Map<string, string>();
  let rendered = '';
  try {
    const run = await runJourneys({
      files: { 'secrets/echo.journey.yaml': journey },
      mcpConfig: {
        mcpServers: {
          web: { type: 'http', url: web.url, headers: { Authorization: `Bearer ${BEARER}` }, tools: ['tell'] },
          local: { type: 'stdio', ...testServerCommand('local', echoServer), env: { API_TOKEN: ENV_TOKEN }, tools: ['tell'] },
        },
      },
      afterRun: async (dir) => {
        rendered = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin', 'mcp-journeys.js'), 'report'], { cwd: dir })
          .then(() => 'rendered', (e: unknown) => String(e));
        for (const folder of ['allure-results', 'allure-report', 'test-results']) {
          for (const [path, text] of readTree(join(dir, folder))) files.set(relative(dir, path), text);
        }
      },
    });
    expect(run.exitCode, run.output).toBe(1);
    expect(rendered, run.output).toBe('rendered');
    const outputs = new Map([...files, ['console', run.output]]);
    // The run produced every output the test greps, each with what the secrets would have been in.
    const paths = [...files.keys()];
    for (const expected of [/^allure-results\/.*-result\.json$/, /^allure-report\/index\.html$/, /^allure-report\/index\.html » /, /^test-results\/allure-history\.jsonl$/,
      /^test-results\/journeys\/.*\/error-context\.md$/, /^test-results\/run-records\/.*\.json$/]) {
      expect(paths.some((p) => expected.test(p)), `${expected} among ${paths.join(', ')}`).toBe(true);
    }

    const leaks = [...outputs].flatMap(([where, text]) => Object.entries(SECRETS).filter(([, secret]) => text.includes(secret)).map(([name]) => `${name} in ${where}`));
    expect(leaks).toEqual([]);

    // Where each secret was, the mask is: the failure as the console shows it, with its code frame.
    expect(run.output).toContain(`"seen Authorization=${MASK} credentials=${MASK}"`);
    expect(run.output).toContain(`"seen API_TOKEN=${MASK} password=${MASK}"`);
    expect(run.output).toMatch(new RegExp(`\\| +args: \\{ env: API_TOKEN, password: \\*\\*\\* \\}`));
    const errorContext = [...files].find(([p]) => p.endsWith('error-context.md'))?.[1] ?? '';
    expect(errorContext).toContain(`password: ${MASK}`);
    expect(errorContext).toContain(`api_key: ${MASK}`);
    expect(errorContext).toContain(`API_TOKEN=${MASK}`);
    // The variables the journey saved, in its mcp-journeys attachment.
    const saved = [...files].filter(([p]) => p.startsWith('allure-results/')).map(([, t]) => t).find((t) => t.includes('"local_seen"')) ?? '';
    expect(saved).toContain(`"value": "seen API_TOKEN=${MASK} password=${MASK}"`);
    // The response as attached to the step: the secret inside text content.
    expect([...files.values()].some((t) => t.includes(`"text": "seen Authorization=${MASK} credentials=${MASK}"`))).toBe(true);
    // History and the rendered report carry the masked failure.
    expect(files.get('test-results/allure-history.jsonl')).toContain(`API_TOKEN=${MASK}`);
    expect([...files].some(([p, t]) => p.startsWith('allure-report/index.html » ') && t.includes(`API_TOKEN=${MASK}`))).toBe(true);
  } finally {
    await web.stop();
  }
});

test('a validation problem beside a literal secret is printed with the secret masked', async () => {
  const run = await runJourneys({
    files: {
      'secrets/typo.journey.yaml': `test_id: 5e0c2a61-3b7d-4f18-9a2c-8d1e4f6b7a91
test_name: A misspelt tool beside a password
description: The validator quotes the lines around a problem.
servers_required: [local]
test_steps:
  - call: local.tel
    args: { password: ${PASSWORD} }
    expect: { error: seen }
`,
    },
    mcpConfig: { mcpServers: { local: { type: 'stdio', ...testServerCommand('local', echoServer), tools: ['tell'] } } },
  });
  expect(run.exitCode, run.output).toBe(1);
  expect(run.output).toContain('local.tel');
  expect(run.output).not.toContain(PASSWORD);
  expect(run.output).toMatch(/\| +args: \{ password: \*\*\* \}/);
});
