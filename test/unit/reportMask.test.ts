import { test, expect } from '@playwright/test';
import { MASK, maskedJson, maskSecrets, maskText } from '../../src/report/mask.js';
import { exchangeAttachments } from '../../src/report/stepAttachments.js';

test('values under secret-looking keys are masked at any depth, whatever their type', () => {
  const input = {
    query: 'auth',
    password: 'hunter2',
    nested: { api_key: 'k1', 'x-api-key': 'k2', ApiKey: 'k3', list: [{ accessToken: { deep: 1 } }, { Authorization: 'Bearer abc' }] },
    headers: { cookie: 'sid=1', 'Set-Cookie': 'sid=2' },
    db: { credentials: ['u', 'p'], secret: null, pass: 7 },
  };
  expect(maskSecrets(input)).toEqual({
    query: 'auth',
    password: MASK,
    nested: { api_key: MASK, 'x-api-key': MASK, ApiKey: MASK, list: [{ accessToken: MASK }, { Authorization: MASK }] },
    headers: { cookie: MASK, 'Set-Cookie': MASK },
    db: { credentials: MASK, secret: MASK, pass: MASK },
  });
});

test('bearer tokens and URL passwords inside strings are masked, the rest of the text kept', () => {
  expect(maskText('Bearer eyJhbGciOi.J9x-y_z')).toBe(`Bearer ${MASK}`);
  expect(maskText('sent header basic dXNlcjpwYXNz== ok')).toBe(`sent header basic ${MASK} ok`);
  expect(maskText('postgres://app:s3cr%40t@db.local:5432/work')).toBe(`postgres://app:${MASK}@db.local:5432/work`);
  expect(maskText('could not reach postgresql://u:p@h/db, retrying')).toBe(`could not reach postgresql://u:${MASK}@h/db, retrying`);
  expect(maskText('postgres://app@db.local/work')).toBe('postgres://app@db.local/work');
  expect(maskText('http://127.0.0.1:8080/mcp')).toBe('http://127.0.0.1:8080/mcp');
  expect(maskSecrets({ url: 'postgres://a:b@c/d', args: ['--token', 'x'] })).toEqual({ url: `postgres://a:${MASK}@c/d`, args: ['--token', 'x'] });
});

test('the input is not changed; cycles and shared references are handled', () => {
  const shared = { n: 1 };
  const input: Record<string, unknown> = { token: 't', a: shared, b: shared, when: new Date('2026-01-02T03:04:05Z'), tags: new Set(['x']), m: new Map([['secret', 's']]) };
  input['self'] = input;
  const before = JSON.stringify({ ...input, self: undefined });
  const out = maskSecrets(input) as Record<string, unknown>;
  expect(out).toEqual({ token: MASK, a: { n: 1 }, b: { n: 1 }, when: '2026-01-02T03:04:05.000Z', tags: ['x'], m: { secret: MASK }, self: '[Circular]' });
  expect(input['token']).toBe('t');
  expect(JSON.stringify({ ...input, self: undefined })).toBe(before);
  expect(out['a']).not.toBe(shared);
});

test('masked JSON attachments for a call: request in MCP shape, response with outcome and latency', () => {
  const [request, response] = exchangeAttachments(
    { kind: 'call', server: 'workflow-mcp', tool: 'create_project', args: { name: 'p', api_key: 'k', dsn: 'postgres://u:pw@h/db' } },
    { kind: 'ok', value: { id: 1 }, raw: { structuredContent: { id: 1, token: 'x' } }, latencyMs: 12.4, totalMs: 12.4, attempts: [{}] },
  );
  expect(request?.name).toBe('request');
  expect(request?.contentType).toBe('application/json');
  expect(JSON.parse(request?.body ?? '')).toEqual({ server: 'workflow-mcp', method: 'tools/call', params: { name: 'create_project', arguments: { name: 'p', api_key: MASK, dsn: `postgres://u:${MASK}@h/db` } } });
  expect(JSON.parse(response?.body ?? '')).toEqual({ outcome: 'ok', result: { structuredContent: { id: 1, token: MASK } }, latency_ms: 12 });
  expect(maskedJson({ big: 10n })).toBe('{\n  "big": "10"\n}');
});

test('token counts are not secrets: a capped result still says how much was cut', () => {
  expect(maskSecrets({ truncated: { originalTokens: 2_621_440, limitTokens: 25_000 }, max_output_tokens: 5, refresh_token: 'r' }))
    .toEqual({ truncated: { originalTokens: 2_621_440, limitTokens: 25_000 }, max_output_tokens: 5, refresh_token: MASK });
});

test('maskedJson prints exactly what maskSecrets gives, for plain data and for values it copies its own way', () => {
  const slow = (v: unknown) => JSON.stringify(maskSecrets(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x), 2) ?? 'null';
  const cycle: Record<string, unknown> = { token: 't' };
  cycle['self'] = cycle;
  const values: unknown[] = [
    { query: 'auth', password: 'p', nested: [{ api_key: 1, text: 'Bearer abc.def' }, 'postgres://u:pw@h/db', null, 3.5, true] },
    ['token', { secret: { deep: 1 } }, [[{ cookie: 'c' }]]],
    'Basic dXNlcjpwYXNz', 42, null, undefined, { skipped: undefined, f: () => 1 },
    { when: new Date('2026-01-02T03:04:05Z'), tags: new Set(['Bearer x']), m: new Map([['secret', 's']]), big: 10n },
    cycle,
  ];
  for (const value of values) expect(maskedJson(value)).toBe(slow(value));
});
