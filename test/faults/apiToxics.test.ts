// API conformance, toxics: defaults, ordering, errors and update semantics of Toxiproxy 2.x.
import { expect, test } from './support/target.js';
import type { ToxiproxyTarget } from './support/target.js';
import { expectApiError, expectJson, request } from './support/http.js';

async function proxyWith(toxiproxy: ToxiproxyTarget, name: string): Promise<string> {
  expectJson(await request(toxiproxy.url, 'POST', '/proxies', { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' }), 201);
  return `/proxies/${name}/toxics`;
}

const DEFAULT_ATTRIBUTES: Record<string, Record<string, number>> = {
  latency: { latency: 0, jitter: 0 },
  bandwidth: { rate: 0 },
  slow_close: { delay: 0 },
  timeout: { timeout: 0 },
  reset_peer: { timeout: 0 },
  slicer: { average_size: 0, size_variation: 0, delay: 0 },
  limit_data: { bytes: 0 },
  noop: {},
};

test('POST toxics fills every default: name <type>_<stream>, downstream, toxicity 1, zero attributes; status 200', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  for (const [type, attributes] of Object.entries(DEFAULT_ATTRIBUTES)) {
    const body = expectJson(await request(toxiproxy.url, 'POST', path, { type }), 200);
    expect(body).toEqual({ attributes, name: `${type}_downstream`, type, stream: 'downstream', toxicity: 1 });
  }
});

test('POST toxics keeps what was given, including the stream as spelled and float32 toxicity', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  const given = { type: 'latency', stream: 'UpStream', toxicity: 0.123456789, attributes: { latency: 120, jitter: 7, unknown: 1 } };
  expect(expectJson(await request(toxiproxy.url, 'POST', path, given), 200)).toEqual({
    attributes: { latency: 120, jitter: 7 },
    name: 'latency_UpStream',
    type: 'latency',
    stream: 'UpStream',
    toxicity: 0.12345679,
  });
  const named = { name: 'slow', type: 'slicer', attributes: { average_size: 64, size_variation: 8, delay: 10 } };
  expect(expectJson(await request(toxiproxy.url, 'POST', path, named), 200)).toMatchObject({ name: 'slow', stream: 'downstream', attributes: named.attributes });
});

test('toxics are listed upstream first, then downstream, each in insertion order', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  for (const [name, stream] of [['d1', 'downstream'], ['u1', 'upstream'], ['d2', 'downstream'], ['u2', 'upstream']]) {
    await request(toxiproxy.url, 'POST', path, { name, stream, type: 'latency' });
  }
  const list = expectJson(await request(toxiproxy.url, 'GET', path), 200) as { name: string }[];
  expect(list.map((t) => t.name)).toEqual(['u1', 'u2', 'd1', 'd2']);
  expect(expectJson(await request(toxiproxy.url, 'GET', `${path}/u2`), 200)).toMatchObject({ name: 'u2', stream: 'upstream' });
});

test('GET toxics of a proxy without toxics is an empty array', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  const reply = await request(toxiproxy.url, 'GET', path);
  expect([reply.status, reply.text]).toEqual([200, '[]']);
});

test('POST toxics errors: 409 duplicate (across streams), invalid type, invalid stream, bad bodies', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  const add = (body: unknown) => request(toxiproxy.url, 'POST', path, body);
  expectJson(await add({ type: 'latency', name: 'same' }), 200);
  expectApiError(await add({ type: 'bandwidth', name: 'same', stream: 'upstream' }), 409, 'toxic already exists');
  expectApiError(await add({ type: 'down' }), 400, 'invalid toxic type');
  expectApiError(await add({}), 400, 'invalid toxic type');
  expectApiError(await add({ type: 'latency', stream: 'sideways' }), 400, 'stream was invalid, can be either upstream or downstream');
  expectApiError(await add({ type: 'nope', stream: '' }), 400, 'stream was invalid, can be either upstream or downstream');
  expectApiError(await add(''), 400, 'bad request body: EOF');
  expectApiError(await add({ type: 'latency', toxicity: '1' }), 400, 'bad request body: json: cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32');
  expectApiError(await add({ type: 'timeout', name: 'x', attributes: 5 }), 400, 'bad request body: json: cannot unmarshal number into Go struct field ToxicWrapper.attributes of type toxics.NoopToxic');
  expectApiError(
    await add({ type: 'latency', name: 'y', attributes: { latency: 'slow' } }),
    400,
    'bad request body: json: cannot unmarshal string into Go struct field LatencyToxic.attributes.latency of type int64',
  );
  expectApiError(await add('{"type":"limit_data","name":"z","attributes":{"bytes":1e3}}'), 400, 'bad request body: json: cannot unmarshal number 1e3 into Go struct field LimitDataToxic.attributes.bytes of type int64');
  expectApiError(await add({ type: 'slicer', name: 'w', attributes: { delay: 1.5 } }), 400, 'bad request body: json: cannot unmarshal number 1.5 into Go struct field SlicerToxic.attributes.delay of type int');
  expect((expectJson(await request(toxiproxy.url, 'GET', path), 200) as unknown[]).length).toBe(1);
});

test('POST toxics/{name} merges attributes, sets toxicity, ignores name/type/stream; PATCH too', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  await request(toxiproxy.url, 'POST', path, { type: 'latency', attributes: { latency: 100, jitter: 10 } });
  const updated = expectJson(await request(toxiproxy.url, 'POST', `${path}/latency_downstream`, { attributes: { latency: 50 }, name: 'x', type: 'timeout', stream: 'upstream' }), 200);
  expect(updated).toEqual({ attributes: { latency: 50, jitter: 10 }, name: 'latency_downstream', type: 'latency', stream: 'downstream', toxicity: 1 });
  const patched = expectJson(await request(toxiproxy.url, 'PATCH', `${path}/latency_downstream`, { toxicity: 0.5 }), 200);
  expect(patched).toMatchObject({ attributes: { latency: 50, jitter: 10 }, toxicity: 0.5 });
  expectApiError(await request(toxiproxy.url, 'POST', `${path}/latency_downstream`, ''), 400, 'bad request body: EOF');
  expectApiError(await request(toxiproxy.url, 'POST', `${path}/missing`, 'not even json'), 404, 'toxic not found');
});

test('a rejected toxic update still applies its valid attributes but not its toxicity (as Go decodes in place)', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  await request(toxiproxy.url, 'POST', path, { type: 'latency', toxicity: 0.5 });
  expectApiError(
    await request(toxiproxy.url, 'POST', `${path}/latency_downstream`, { toxicity: 'x', attributes: { jitter: 9 } }),
    400,
    'bad request body: json: cannot unmarshal string into Go struct field .toxicity of type float32',
  );
  expect(expectJson(await request(toxiproxy.url, 'GET', `${path}/latency_downstream`), 200)).toMatchObject({ attributes: { latency: 0, jitter: 9 }, toxicity: 0.5 });
});

test('GET and DELETE a toxic: 200 / 204, then 404', async ({ toxiproxy, names }) => {
  const path = await proxyWith(toxiproxy, names.next());
  await request(toxiproxy.url, 'POST', path, { type: 'timeout', stream: 'upstream', attributes: { timeout: 1000 } });
  expect(expectJson(await request(toxiproxy.url, 'GET', `${path}/timeout_upstream`), 200)).toEqual({
    attributes: { timeout: 1000 },
    name: 'timeout_upstream',
    type: 'timeout',
    stream: 'upstream',
    toxicity: 1,
  });
  const deleted = await request(toxiproxy.url, 'DELETE', `${path}/timeout_upstream`);
  expect([deleted.status, deleted.text]).toEqual([204, '']);
  expectApiError(await request(toxiproxy.url, 'GET', `${path}/timeout_upstream`), 404, 'toxic not found');
  expectApiError(await request(toxiproxy.url, 'DELETE', `${path}/timeout_upstream`), 404, 'toxic not found');
});
