// API conformance, proxies: statuses, headers, bodies and side effects exactly as Toxiproxy 2.x.
// Runs against the embedded server, or a real one when TOXIPROXY_URL is set.
import { expect, test } from './support/target.js';
import { expectApiError, expectJson, request } from './support/http.js';
import { connectTo, echoUpstream, isListening } from './support/tcp.js';

test('GET /version answers the JSON the 2.x server writes', async ({ toxiproxy }) => {
  const reply = await request(toxiproxy.url, 'GET', '/version');
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toBe('application/json;charset=utf-8');
  expect(reply.text).toMatch(/^\{"version": "[^"]+"\}\n$/);
});

test('POST /proxies creates, binds and returns the bound address', async ({ toxiproxy, names }) => {
  const name = names.next();
  const body = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'localhost:1' }), 201);
  expect(body).toEqual({ name, listen: expect.stringMatching(/^127\.0\.0\.1:[1-9][0-9]*$/), upstream: 'localhost:1', enabled: true, Logger: {}, toxics: [] });
  const { listen } = body as { listen: string };
  expect(listen.endsWith(':0')).toBe(false);
  expect(await isListening(listen, toxiproxy.host)).toBe(true);
  expect(await request(toxiproxy.url, 'GET', `/proxies/${name}`).then((r) => r.json())).toEqual(body);
});

test('POST /proxies resolves localhost to the IPv4 address Go listens on', async ({ toxiproxy, names }) => {
  test.skip(toxiproxy.host !== '127.0.0.1', 'needs the server on this machine');
  const body = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name: names.next(), listen: 'localhost:0', upstream: 'x:1' }), 201);
  expect((body as { listen: string }).listen).toMatch(/^127\.0\.0\.1:\d+$/);
});

test('POST /proxies rejects duplicates, missing fields and bad bodies', async ({ toxiproxy, names }) => {
  const name = names.next();
  const create = (body: unknown) => request(toxiproxy.url, 'POST', '/proxies', body);
  expectJson(await create({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1', enabled: false }), 201);
  expectApiError(await create({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 409, 'proxy already exists');
  expectApiError(await create({ listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 400, 'missing required field: name');
  expectApiError(await create({ name: names.next() }), 400, 'missing required field: upstream');
  expectApiError(await create(''), 400, 'bad request body: EOF');
  expectApiError(await create('{"name":'), 400, 'bad request body: unexpected EOF');
  expectApiError(await create('nope'), 400, "bad request body: invalid character 'o' in literal null (expecting 'u')");
  expectApiError(await create('{"name" 1}'), 400, "bad request body: invalid character '1' after object key");
  expectApiError(await create({ name: 7 }), 400, 'bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string');
  expectApiError(await create([]), 400, 'bad request body: json: cannot unmarshal array into Go value of type toxiproxy.Proxy');
  expectApiError(await create({ name: names.next(), upstream: 'x:1', enabled: 'yes' }), 400, 'bad request body: json: cannot unmarshal string into Go struct field Proxy.enabled of type bool');
});

test('POST /proxies reports listen failures as Go does, with status 500', async ({ toxiproxy, names }) => {
  const create = (listen: string) => request(toxiproxy.url, 'POST', '/proxies', { name: names.next(), listen, upstream: 'x:1' });
  expectApiError(await create('local373'), 500, 'listen tcp: address local373: missing port in address');
  expectApiError(await create('a:b:c'), 500, 'listen tcp: address a:b:c: too many colons in address');
  expectApiError(await create(`${toxiproxy.host}:99999`), 500, 'listen tcp: address 99999: invalid port');
  const taken = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name: names.next(), listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 201);
  const { listen } = taken as { listen: string };
  expectApiError(await create(listen), 500, `listen tcp ${listen}: bind: address already in use`);
});

test('a disabled proxy keeps the listen it was given and does not listen', async ({ toxiproxy, names }) => {
  const name = names.next();
  const body = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: 'localhost:0', upstream: 'x:1', enabled: false }), 201);
  expect(body).toEqual({ name, listen: 'localhost:0', upstream: 'x:1', enabled: false, Logger: {}, toxics: [] });
});

test('GET /proxies lists every proxy by name with its toxics', async ({ toxiproxy, names }) => {
  const [a, b] = [names.next('a'), names.next('b')];
  for (const name of [a, b]) await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  await request(toxiproxy.url, 'POST', `/proxies/${b}/toxics`, { type: 'latency', attributes: { latency: 5 } });
  const all = expectJson(await request(toxiproxy.url, 'GET', '/proxies'), 200) as Record<string, { name: string; toxics: unknown[] }>;
  expect(all[a]?.toxics).toEqual([]);
  expect(all[b]?.toxics).toEqual([{ attributes: { latency: 5, jitter: 0 }, name: 'latency_downstream', type: 'latency', stream: 'downstream', toxicity: 1 }]);
});

test('unknown proxies are 404 on every proxy route', async ({ toxiproxy }) => {
  for (const [method, path] of [['GET', ''], ['POST', ''], ['PATCH', ''], ['DELETE', ''], ['GET', '/toxics'], ['POST', '/toxics'], ['GET', '/toxics/t'], ['POST', '/toxics/t'], ['DELETE', '/toxics/t']] as const) {
    expectApiError(await request(toxiproxy.url, method, `/proxies/no-such-proxy${path}`, method === 'POST' || method === 'PATCH' ? {} : undefined), 404, 'proxy not found');
  }
});

test('routing: plain 404, empty 405, 301 for unclean paths, 403 for browsers', async ({ toxiproxy, names }) => {
  const notFound = await request(toxiproxy.url, 'GET', '/nope');
  expect([notFound.status, notFound.headers.get('content-type'), notFound.text]).toEqual([404, 'text/plain; charset=utf-8', '404 page not found\n']);
  expect(await request(toxiproxy.url, 'GET', '/proxies/').then((r) => r.status)).toBe(404);
  const wrongMethod = await request(toxiproxy.url, 'PUT', '/proxies');
  expect([wrongMethod.status, wrongMethod.text]).toEqual([405, '']);
  const name = names.next();
  await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1', enabled: false });
  const unclean = await request(toxiproxy.url, 'GET', `/proxies//${name}?q=1`);
  expect([unclean.status, unclean.headers.get('location')]).toEqual([301, `/proxies/${name}?q=1`]);
  const browser = await request(toxiproxy.url, 'GET', '/version', undefined, { 'User-Agent': 'Mozilla/5.0' });
  expect([browser.status, browser.text]).toEqual([403, 'User agent not allowed\n']);
});

test('POST and PATCH /proxies/{name} disable (cutting connections) and re-enable on the same address', async ({ toxiproxy, names }) => {
  const upstream = await echoUpstream();
  try {
    const name = names.next();
    const created = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: upstream.address }), 201) as { listen: string };
    const client = await connectTo(created.listen, toxiproxy.host);
    client.socket.write('ping');
    await client.waitFor(4);
    const down = expectJson(await request(toxiproxy.url, 'POST', `/proxies/${name}`, { enabled: false }), 200);
    expect(down).toMatchObject({ name, listen: created.listen, enabled: false });
    expect(await client.closed).toMatch(/^(end|reset)$/);
    expect(await isListening(created.listen, toxiproxy.host)).toBe(false);
    const up = expectJson(await request(toxiproxy.url, 'PATCH', `/proxies/${name}`, { enabled: true }), 200);
    expect(up).toMatchObject({ listen: created.listen, enabled: true });
    const again = await connectTo(created.listen, toxiproxy.host);
    again.socket.write('pong');
    expect((await again.waitFor(4)).toString()).toBe('pong');
    again.socket.destroy();
  } finally {
    await upstream.close();
  }
});

test('POST /proxies/{name} changes upstream and keeps unspecified fields', async ({ toxiproxy, names }) => {
  const name = names.next();
  const created = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 201) as { listen: string };
  const updated = expectJson(await request(toxiproxy.url, 'POST', `/proxies/${name}`, { upstream: 'y:2' }), 200);
  expect(updated).toEqual({ name, listen: created.listen, upstream: 'y:2', enabled: true, Logger: {}, toxics: [] });
  expectApiError(await request(toxiproxy.url, 'POST', `/proxies/${name}`, ''), 400, 'bad request body: EOF');
  expectApiError(await request(toxiproxy.url, 'POST', `/proxies/${name}`, { listen: 'bad' }), 500, 'address bad: missing port in address');
});

test('DELETE /proxies/{name} answers 204, closes the listener, then 404', async ({ toxiproxy, names }) => {
  const name = names.next();
  const { listen } = expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 201) as { listen: string };
  const deleted = await request(toxiproxy.url, 'DELETE', `/proxies/${name}`);
  expect([deleted.status, deleted.text, deleted.headers.get('content-type')]).toEqual([204, '', null]);
  expect(await isListening(listen, toxiproxy.host)).toBe(false);
  expectApiError(await request(toxiproxy.url, 'DELETE', `/proxies/${name}`), 404, 'proxy not found');
});
