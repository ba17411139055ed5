// Every call toxiproxy-node-client v4 can make, with the shapes it reads back.
import { Toxiproxy, ToxiproxyError } from 'toxiproxy-node-client';
import type { Latency, Slicer } from 'toxiproxy-node-client';
import { expect, test } from './support/target.js';
import { isListening } from './support/tcp.js';

test('getVersion returns the raw /version body', async ({ toxiproxy }) => {
  expect(await new Toxiproxy(toxiproxy.url).getVersion()).toMatch(/^\{"version": "[^"]+"\}\n$/);
});

test('createProxy, get, getAll and toJson see the bound address', async ({ toxiproxy, names }) => {
  const client = new Toxiproxy(toxiproxy.url);
  const name = names.next();
  const proxy = await client.createProxy({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  expect(proxy.toJson()).toEqual({ name, listen: expect.stringMatching(/:\d+$/), upstream: 'x:1', enabled: true });
  expect(proxy.listen.endsWith(':0')).toBe(false);
  expect((await client.get(name)).toJson()).toEqual(proxy.toJson());
  expect((await client.getAll())[name]?.toJson()).toEqual(proxy.toJson());
  expect(proxy.getPath()).toBe(`${toxiproxy.url}/proxies/${name}`);
});

test('client errors carry the status: 409, 404, 400', async ({ toxiproxy, names }) => {
  const client = new Toxiproxy(toxiproxy.url);
  const name = names.next();
  await client.createProxy({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
  const conflict = await failure(client.createProxy({ name, listen: `${toxiproxy.host}:0`, upstream: 'x:1' }));
  expect(conflict).toBeInstanceOf(ToxiproxyError);
  expect((conflict as Error).message).toBe('Request failed with status code 409');
  expect(((await failure(client.get('no-such-proxy'))) as Error).message).toBe('Request failed with status code 404');
  const proxy = await client.get(name);
  const badToxic = await failure(proxy.addToxic({ name: 'bad', type: 'latency', stream: 'sideways' as 'upstream', toxicity: 1, attributes: {} }));
  expect((badToxic as Error).message).toBe('Request failed with status code 400');
});

test('populate returns Proxy objects by name', async ({ toxiproxy, names }) => {
  const client = new Toxiproxy(toxiproxy.url);
  const [a, b] = [names.next('a'), names.next('b')];
  const proxies = await client.populate([
    { name: a, listen: `${toxiproxy.host}:0`, upstream: 'x:1' },
    { name: b, listen: `${toxiproxy.host}:0`, upstream: 'x:2', enabled: false },
  ]);
  expect(Object.keys(proxies).sort()).toEqual([a, b].sort());
  expect(proxies[a]?.enabled).toBe(true);
  expect(proxies[b]?.enabled).toBe(false);
});

test('proxy.update disables and re-enables on the same address; remove deletes', async ({ toxiproxy, names }) => {
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: names.next(), listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  const down = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
  expect(down.enabled).toBe(false);
  expect(await isListening(proxy.listen, toxiproxy.host)).toBe(false);
  const up = await down.update({ enabled: true, listen: down.listen, upstream: down.upstream });
  expect([up.enabled, up.listen]).toEqual([true, proxy.listen]);
  expect(await isListening(proxy.listen, toxiproxy.host)).toBe(true);
  await up.remove();
  await expect(client.get(proxy.name)).rejects.toThrow('status code 404');
});

test('addToxic, getToxic, toxic.update and toxic.remove round-trip', async ({ toxiproxy, names }) => {
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: names.next(), listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  const latency = await proxy.addToxic<Latency>({ name: 'lag', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 200, jitter: 5 } });
  expect(latency.toJson()).toEqual({ name: 'lag', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 200, jitter: 5 } });
  expect(latency.getPath()).toBe(`${proxy.getPath()}/toxics/lag`);
  const fetched = await proxy.getToxic<Latency>('lag');
  expect(fetched.toJson()).toEqual(latency.toJson());
  const updated = await fetched.update({ ...fetched.toJson(), toxicity: 0.5, attributes: { latency: 300, jitter: 0 } });
  expect(updated.toJson()).toEqual({ name: 'lag', type: 'latency', stream: 'downstream', toxicity: 0.5, attributes: { latency: 300, jitter: 0 } });
  await updated.remove();
  await expect(proxy.getToxic('lag')).rejects.toThrow('status code 404');
});

test('addToxic without name or stream (as the client\'s TestHelper does) gets server defaults', async ({ toxiproxy, names }) => {
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: names.next(), listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  const body = { type: 'slicer', attributes: { average_size: 10, size_variation: 2, delay: 0 } } as unknown as Parameters<typeof proxy.addToxic<Slicer>>[0];
  const toxic = await proxy.addToxic<Slicer>(body);
  expect(toxic.toJson()).toEqual({ name: 'slicer_downstream', type: 'slicer', stream: 'downstream', toxicity: 1, attributes: { average_size: 10, size_variation: 2, delay: 0 } });
});

test('reset re-enables proxies and clears toxics', async ({ toxiproxy, names }) => {
  test.skip(toxiproxy.real && test.info().config.workers > 1, 'reset touches every proxy on a shared server: run with --workers=1');
  const client = new Toxiproxy(toxiproxy.url);
  const proxy = await client.createProxy({ name: names.next(), listen: `${toxiproxy.host}:0`, upstream: 'x:1' });
  await proxy.addToxic({ name: 't', type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } });
  await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
  await client.reset();
  const after = await client.get(proxy.name);
  expect(after.enabled).toBe(true);
  await expect(after.getToxic('t')).rejects.toThrow('status code 404');
});
