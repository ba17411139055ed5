// API conformance, /populate and /reset.
import { expect, test } from './support/target.js';
import { expectApiError, expectJson, request } from './support/http.js';
import { isListening } from './support/tcp.js';

const ITEM = 'struct { toxiproxy.Proxy; Enabled *bool "json:\\"enabled\\"" }';

test('POST /populate creates proxies (enabled by default) and answers 201 with them', async ({ toxiproxy, names }) => {
  const [a, b] = [names.next('a'), names.next('b')];
  const body = expectJson(
    await request(toxiproxy.url, 'POST', '/populate', [
      { name: a, listen: `${toxiproxy.host}:0`, upstream: 'x:1' },
      { name: b, listen: `${toxiproxy.host}:0`, upstream: 'x:2', enabled: false },
    ]),
    201,
  ) as { proxies: { name: string; listen: string; enabled: boolean }[] };
  expect(body.proxies.map((p) => [p.name, p.enabled])).toEqual([[a, true], [b, false]]);
  expect(await isListening(body.proxies[0]?.listen ?? '', toxiproxy.host)).toBe(true);
  expect(body.proxies[1]?.listen).toBe(`${toxiproxy.host}:0`);
});

test('POST /populate keeps an unchanged proxy (toxics included) and replaces a changed one', async ({ toxiproxy, names }) => {
  const [same, changed] = [names.next('same'), names.next('changed')];
  const first = expectJson(
    await request(toxiproxy.url, 'POST', '/populate', [
      { name: same, listen: `${toxiproxy.host}:0`, upstream: 'x:1' },
      { name: changed, listen: `${toxiproxy.host}:0`, upstream: 'x:1' },
    ]),
    201,
  ) as { proxies: { listen: string }[] };
  const sameListen = first.proxies[0]?.listen ?? '';
  for (const name of [same, changed]) await request(toxiproxy.url, 'POST', `/proxies/${name}/toxics`, { type: 'timeout' });
  const second = expectJson(
    await request(toxiproxy.url, 'POST', '/populate', [
      { name: same, listen: sameListen, upstream: 'x:1' },
      { name: changed, listen: `${toxiproxy.host}:0`, upstream: 'x:9' },
    ]),
    201,
  ) as { proxies: { listen: string; upstream: string; toxics: unknown[] }[] };
  expect(second.proxies[0]).toMatchObject({ listen: sameListen, toxics: [expect.objectContaining({ type: 'timeout' })] });
  expect(second.proxies[1]).toMatchObject({ upstream: 'x:9', toxics: [] });
});

test('POST /populate validates everything first, reporting errors in a JSON body with proxies', async ({ toxiproxy, names }) => {
  const populate = (body: unknown) => request(toxiproxy.url, 'POST', '/populate', body);
  const expectPopulateError = async (body: unknown, status: number, error: string) => {
    const reply = await populate(body);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect([reply.status, reply.json()]).toEqual([status, { error, status, proxies: null }]);
  };
  await expectPopulateError('', 400, 'bad request body: EOF');
  await expectPopulateError({}, 400, `bad request body: json: cannot unmarshal object into Go value of type []${ITEM}`);
  await expectPopulateError([{ name: names.next(), upstream: 'x:1' }, { upstream: 'x:1' }], 400, 'missing required field: name at proxy 2');
  await expectPopulateError([{ name: names.next() }], 400, 'missing required field: upstream at proxy 1');
  expect((expectJson(await populate([]), 201) as { proxies: unknown }).proxies).toBeNull();
});

test('POST /populate stops at the first proxy that cannot start, returning those before it', async ({ toxiproxy, names }) => {
  const [one, two, three] = [names.next('one'), names.next('two'), names.next('three')];
  const reply = await request(toxiproxy.url, 'POST', '/populate', [
    { name: one, listen: `${toxiproxy.host}:0`, upstream: 'x:1' },
    { name: two, listen: 'local373', upstream: 'x:1' },
    { name: three, listen: `${toxiproxy.host}:0`, upstream: 'x:1' },
  ]);
  const body = reply.json() as { error: string; status: number; proxies: { name: string }[] };
  expect([reply.status, body.error, body.status]).toEqual([500, 'listen tcp: address local373: missing port in address', 500]);
  expect(body.proxies.map((p) => p.name)).toEqual([one]);
  expect((await request(toxiproxy.url, 'GET', `/proxies/${three}`)).status).toBe(404);
});

test('POST /reset enables every proxy and removes every toxic, answering 204', async ({ toxiproxy, names }) => {
  test.skip(toxiproxy.real && test.info().config.workers > 1, 'reset touches every proxy on a shared server: run with --workers=1');
  const name = names.next();
  const { listen } = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 201) as { listen: string };
  await request(toxiproxy.url, 'POST', `/proxies/${name}/toxics`, { type: 'latency', stream: 'upstream' });
  await request(toxiproxy.url, 'POST', `/proxies/${name}/toxics`, { type: 'bandwidth' });
  await request(toxiproxy.url, 'POST', `/proxies/${name}`, { enabled: false });
  const reset = await request(toxiproxy.url, 'POST', '/reset', 'ignored');
  expect([reset.status, reset.text]).toEqual([204, '']);
  expect(await request(toxiproxy.url, 'GET', `/proxies/${name}`).then((r) => r.json())).toMatchObject({ listen, enabled: true, toxics: [] });
  expect(await isListening(listen, toxiproxy.host)).toBe(true);
  expectApiError(await request(toxiproxy.url, 'GET', `/proxies/${name}/toxics/latency_upstream`), 404, 'toxic not found');
});
