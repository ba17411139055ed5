// The secrets maskText knows: from an MCP configuration's headers and env, from values under secret-looking
// names anywhere, in the forms they take in text; and errors masked in place, causes included.
import { test, expect } from '@playwright/test';
import { MASK, maskedJson, maskError, maskText } from '../../src/report/mask.js';
import { addConfigSecrets, addSecret, addSecretsIn, forgetSecrets } from '../../src/report/secrets.js';

test.afterEach(() => forgetSecrets());

test('header and env values of the MCP configuration are masked wherever they show', () => {
  addConfigSecrets({ servers: {
    web: { headers: { Authorization: 'Bearer tok-3f9a1c', 'X-Tenant': 'acme-corp' } },
    local: { env: { API_TOKEN: 'env-77d2e1', PORT: '8020', DEBUG: 'true', MODE: 'dev' } },
  } });
  // The credentials alone too: a server may echo the token without its scheme.
  expect(maskText('got Bearer tok-3f9a1c and tok-3f9a1c, tenant acme-corp')).toBe(`got ${MASK} and ${MASK}, tenant ${MASK}`);
  expect(maskText('API_TOKEN=env-77d2e1')).toBe(`API_TOKEN=${MASK}`);
  // Numbers and flags under names that do not look secret are settings; values under 4 characters never go.
  expect(maskText('port 8020, debug true, mode dev')).toBe('port 8020, debug true, mode dev');
});

test('a number or flag under a secret-looking name is a secret; a value shorter than 4 characters never is', () => {
  addConfigSecrets({ servers: { s: { env: { DB_PASSWORD: '48151623', API_KEY: 'abc' } } } });
  expect(maskText('pin 48151623, key abc')).toBe(`pin ${MASK}, key abc`);
});

test('strings under secret-looking names anywhere are learnt; templates and other names are not', () => {
  addSecretsIn({
    vars: { password: 'hunter2-x', user: 'alice-smith' },
    steps: [{ args: { api_key: 'k-9911aa', token: '${env.TOKEN}', nested: [{ client_secret: 'cs-0042ff' }] } }],
    truncated: { originalTokens: 123456 },
    save: { token_chunk: '$.results[0].chunk_id' },
  });
  expect(maskText('hunter2-x alice-smith k-9911aa cs-0042ff ${env.TOKEN} 123456 $.results[0].chunk_id'))
    .toBe(`${MASK} alice-smith ${MASK} ${MASK} \${env.TOKEN} 123456 $.results[0].chunk_id`);
});

test('a secret is masked as it is, inside JSON text and URL-encoded; the longest known value goes whole', () => {
  addSecret('p"a\\ss/w rd');
  addSecret('shortish');
  addSecret('shortish-and-longer');
  expect(maskText(JSON.stringify({ text: JSON.stringify({ seen: 'p"a\\ss/w rd' }) }))).not.toContain('ss/w rd');
  expect(maskText(`?pw=${encodeURIComponent('p"a\\ss/w rd')}`)).toBe(`?pw=${MASK}`);
  expect(maskText('shortish-and-longer shortish')).toBe(`${MASK} ${MASK}`);
  // maskedJson masks known values whatever the key.
  expect(JSON.parse(maskedJson({ content: [{ type: 'text', text: 'seen shortish' }] }))).toEqual({ content: [{ type: 'text', text: `seen ${MASK}` }] });
});

test('an error is masked in place: message, stack and causes', () => {
  addSecret('s3cr3t-value');
  const cause = new Error('server said s3cr3t-value');
  const error = new Error('step failed: s3cr3t-value', { cause });
  expect(maskError(error)).toBe(error);
  expect(error.message).toBe(`step failed: ${MASK}`);
  expect(error.stack).not.toContain('s3cr3t-value');
  expect(cause.message).toBe(`server said ${MASK}`);
  expect(cause.stack).not.toContain('s3cr3t-value');
});

test('a cycle ends the walk: a secret in it is learnt and nothing hangs', () => {
  const a: Record<string, unknown> = { password: 'cyc-secret-1' };
  a['left'] = a;
  a['right'] = a;
  addSecretsIn(a);
  expect(maskText('cyc-secret-1')).toBe(MASK);
});
