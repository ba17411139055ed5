// The runner-facing wrapper: plain data in and out, errors as FaultError with the HTTP status.
import { connectToxiproxy, createFaultClient } from '../../src/faults/client.js';
import { FaultError } from '../../src/faults/types.js';
import { expect, test } from './support/target.js';
import { connectTo, echoUpstream, isListening } from './support/tcp.js';

test('ensureProxy creates once, then returns the same proxy; port 0 keeps the bound port', async ({ toxiproxy, names }) => {
  const client = createFaultClient(toxiproxy.url);
  const name = names.next();
  const spec = { name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' };
  const created = await client.ensureProxy(spec);
  expect(created).toEqual({ name, listen: expect.stringMatching(/:\d+$/), upstream: 'x:1', enabled: true, toxics: [] });
  expect(await client.ensureProxy(spec)).toEqual(created);
  const moved = await client.ensureProxy({ ...spec, upstream: 'y:2' });
  expect([moved.upstream, moved.listen]).toEqual(['y:2', created.listen]);
  await client.setEnabled(name, false);
  expect(await client.ensureProxy(spec)).toMatchObject({ enabled: true, listen: created.listen, upstream: 'x:1' });
});

test('toxics: add with defaults, update, list and remove', async ({ toxiproxy, names }) => {
  const client = createFaultClient(toxiproxy.url);
  const name = names.next();
  await client.ensureProxy({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  const added = await client.addToxic(name, { type: 'latency', attributes: { latency: 200 } });
  expect(added).toEqual({ name: 'latency_downstream', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 200, jitter: 0 } });
  await client.addToxic(name, { type: 'bandwidth', stream: 'upstream', name: 'slow', toxicity: 0.5, attributes: { rate: 10 } });
  expect(await client.updateToxic(name, 'latency_downstream', { attributes: { jitter: 20 } })).toMatchObject({ attributes: { latency: 200, jitter: 20 } });
  expect((await client.listToxics(name)).map((t) => t.name)).toEqual(['slow', 'latency_downstream']);
  expect((await client.getProxy(name))?.toxics).toHaveLength(2);
  expect(await client.removeToxic(name, 'slow')).toBe(true);
  expect(await client.removeToxic(name, 'slow')).toBe(false);
  expect((await client.listProxies()).find((p) => p.name === name)?.toxics.map((t) => t.name)).toEqual(['latency_downstream']);
});

test('setEnabled takes a proxy down and up on the same address; removeProxy reports whether it existed', async ({ toxiproxy, names }) => {
  const client = createFaultClient(toxiproxy.url);
  const upstream = await echoUpstream();
  try {
    const name = names.next();
    const proxy = await client.ensureProxy({ name, listen: `${toxiproxy.host}:0`, upstream: upstream.address });
    const down = await client.setEnabled(name, false);
    expect(down.enabled).toBe(false);
    expect(await isListening(proxy.listen, toxiproxy.host)).toBe(false);
    expect((await client.setEnabled(name, true)).listen).toBe(proxy.listen);
    const socket = await connectTo(proxy.listen, toxiproxy.host);
    socket.socket.write('ok');
    expect((await socket.waitFor(2)).toString()).toBe('ok');
    socket.socket.destroy();
    expect(await client.removeProxy(name)).toBe(true);
    expect(await client.removeProxy(name)).toBe(false);
    expect(await client.getProxy(name)).toBeUndefined();
  } finally {
    await upstream.close();
  }
});

test('failures are FaultError with code FAULT_SETUP and the HTTP status', async ({ toxiproxy, names }) => {
  const client = createFaultClient(toxiproxy.url);
  const name = names.next();
  await client.ensureProxy({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  await client.addToxic(name, { type: 'timeout' });
  const error = await client.addToxic(name, { type: 'timeout' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FaultError);
  expect(error).toMatchObject({ code: 'FAULT_SETUP', status: 409 });
  await expect(client.setEnabled('no-such-proxy', false)).rejects.toMatchObject({ status: 404 });
  const unreachable = await createFaultClient('http://127.0.0.1:1').version().catch((e: unknown) => e);
  expect(unreachable).toBeInstanceOf(FaultError);
  expect((unreachable as FaultError).status).toBeUndefined();
});

test('version and reset go through the client', async ({ toxiproxy, names }) => {
  test.skip(toxiproxy.real && test.info().config.workers > 1, 'reset touches every proxy on a shared server: run with --workers=1');
  const client = createFaultClient(toxiproxy.url);
  expect(await client.version()).toMatch(/^\{"version": "[^"]+"\}$/);
  const name = names.next();
  await client.ensureProxy({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  await client.addToxic(name, { type: 'latency' });
  await client.reset();
  expect((await client.getProxy(name))?.toxics).toEqual([]);
});

test('connectToxiproxy starts the embedded server unless TOXIPROXY_URL is set', async () => {
  const embedded = await connectToxiproxy({});
  try {
    expect(embedded.embedded).toBe(true);
    expect(await createFaultClient(embedded.url).listProxies()).toEqual([]);
  } finally {
    await embedded.close();
  }
  expect(await isListening(embedded.url.replace('http://', ''))).toBe(false);
  const external = await connectToxiproxy({ TOXIPROXY_URL: 'http://toxiproxy.example:8474/' });
  expect([external.url, external.embedded]).toEqual(['http://toxiproxy.example:8474', false]);
  await external.close();
});
