// Toxic behaviour through real TCP traffic. Bounds are the ones the toxic makes logically necessary
// (at least the injected delay, never a tight upper target); "never arrives" is checked after a pause.
import { expect, test } from './support/target.js';
import { request } from './support/http.js';
import { proxied, sleep } from './support/proxied.js';
import { connectTo, echoUpstream, sendingUpstream } from './support/tcp.js';
import type { Upstream } from './support/tcp.js';

let upstreams: Upstream[] = [];
test.afterEach(async () => {
  await Promise.all(upstreams.map((u) => u.close()));
  upstreams = [];
});
async function keep(upstream: Promise<Upstream>): Promise<Upstream> {
  const started = await upstream;
  upstreams.push(started);
  return started;
}

test('latency delays the response by at least the injected time, each way', async ({ toxiproxy, names }) => {
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  await proxy.addToxic({ type: 'latency', attributes: { latency: 300 } });
  await proxy.addToxic({ type: 'latency', stream: 'upstream', attributes: { latency: 100, jitter: 50 } });
  const client = await proxy.connect();
  const sent = performance.now();
  client.socket.write('ping');
  expect((await client.waitFor(4)).toString()).toBe('ping');
  expect(performance.now() - sent).toBeGreaterThanOrEqual(300 + 50);
  client.socket.destroy();
});

test('a toxic added to a live connection applies to its next data; removing latency releases held data', async ({ toxiproxy, names }) => {
  test.setTimeout(20_000);
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  const client = await proxy.connect();
  client.socket.write('a');
  await client.waitFor(1);
  await proxy.addToxic({ type: 'latency', attributes: { latency: 250 } });
  const sent = performance.now();
  client.socket.write('b');
  await client.waitFor(2);
  expect(performance.now() - sent).toBeGreaterThanOrEqual(250);
  await proxy.addToxic({ type: 'latency', name: 'huge', stream: 'upstream', attributes: { latency: 60_000 } });
  client.socket.write('c');
  await sleep(200);
  expect(client.received().toString()).toBe('ab');
  await proxy.removeToxic('huge');
  expect((await client.waitFor(3)).toString()).toBe('abc'); // would take a minute if removal held it
  client.socket.destroy();
});

test('toxicity 0 never applies the toxic', async ({ toxiproxy, names }) => {
  test.setTimeout(20_000);
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  await proxy.addToxic({ type: 'timeout', toxicity: 0, attributes: { timeout: 0 } });
  const client = await proxy.connect();
  client.socket.write('through');
  expect((await client.waitFor(7)).toString()).toBe('through');
  client.socket.destroy();
});

test('bandwidth limits the rate', async ({ toxiproxy, names }) => {
  const payload = Buffer.alloc(40_000, 7);
  const proxy = await proxied(toxiproxy, names, await keep(sendingUpstream(payload)));
  await proxy.addToxic({ type: 'bandwidth', attributes: { rate: 20 } });
  const started = performance.now();
  const client = await proxy.connect();
  expect((await client.waitFor(payload.length)).equals(payload)).toBe(true);
  // 40 KB at 20 KB/s: at least 2 s minus the first 100 ms slice.
  expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
});

test('slow_close holds the close for the delay', async ({ toxiproxy, names }) => {
  const proxy = await proxied(toxiproxy, names, await keep(sendingUpstream(Buffer.from('bye'))));
  await proxy.addToxic({ type: 'slow_close', attributes: { delay: 600 } });
  const started = performance.now();
  const client = await proxy.connect();
  expect(await client.closed).toBe('end');
  expect(client.received().toString()).toBe('bye');
  expect((client.endedAt ?? 0) - started).toBeGreaterThanOrEqual(600);
});

test('timeout 0 stalls data until removed, and removing it closes the connection', async ({ toxiproxy, names }) => {
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  await proxy.addToxic({ type: 'timeout', attributes: { timeout: 0 } });
  const client = await proxy.connect();
  client.socket.write('lost');
  await sleep(300);
  expect(client.received().length).toBe(0);
  await proxy.removeToxic('timeout_downstream');
  expect(await client.closed).toMatch(/^(end|reset)$/);
  expect(client.received().length).toBe(0);
});

test('timeout > 0 drops data and closes after the timeout', async ({ toxiproxy, names }) => {
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  await proxy.addToxic({ type: 'timeout', stream: 'upstream', attributes: { timeout: 400 } });
  const started = performance.now();
  const client = await proxy.connect();
  client.socket.write('lost');
  expect(await client.closed).toMatch(/^(end|reset)$/);
  expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  expect(client.received().length).toBe(0);
});

test('reset_peer resets the connection (RST) once data flows, after its timeout', async ({ toxiproxy, names }) => {
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  await proxy.addToxic({ type: 'reset_peer', attributes: { timeout: 200 } });
  const client = await proxy.connect();
  const sent = performance.now();
  client.socket.write('hello');
  expect(await client.closed).toBe('reset');
  expect(performance.now() - sent).toBeGreaterThanOrEqual(200);
  expect(client.received().length).toBe(0);
});

test('slicer delivers the data intact in several pieces', async ({ toxiproxy, names }) => {
  const payload = Buffer.from('0123456789'.repeat(20));
  const proxy = await proxied(toxiproxy, names, await keep(sendingUpstream(payload)));
  await proxy.addToxic({ type: 'slicer', attributes: { average_size: 10, size_variation: 0, delay: 25_000 } });
  const client = await proxy.connect();
  expect((await client.waitFor(payload.length)).equals(payload)).toBe(true);
  expect(client.chunks.length).toBeGreaterThan(1);
});

test('limit_data passes exactly N bytes then closes, per direction', async ({ toxiproxy, names }) => {
  const down = await proxied(toxiproxy, names, await keep(sendingUpstream(Buffer.alloc(1_000, 1))));
  await down.addToxic({ type: 'limit_data', attributes: { bytes: 100 } });
  const client = await down.connect();
  expect(await client.closed).toMatch(/^(end|reset)$/);
  expect(client.received().length).toBe(100);

  const echo = await keep(echoUpstream());
  const up = await proxied(toxiproxy, names, echo);
  await up.addToxic({ type: 'limit_data', stream: 'upstream', attributes: { bytes: 5 } });
  const writer = await up.connect();
  writer.socket.write('0123456789');
  expect(await writer.closed).toMatch(/^(end|reset)$/);
  await echo.closedConnections(1);
  expect(echo.received().toString()).toBe('01234');
});

test('down (enabled: false) refuses new connections', async ({ toxiproxy, names }) => {
  const proxy = await proxied(toxiproxy, names, await keep(echoUpstream()));
  await request(toxiproxy.url, 'POST', `/proxies/${proxy.name}`, { enabled: false });
  await expect(connectTo(proxy.listen, toxiproxy.host)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});
