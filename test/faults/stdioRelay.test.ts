// The stdio relay end to end: an SDK client over RelayTransport → a Toxiproxy proxy (embedded, or real
// with TOXIPROXY_URL) → the stdio host → one test-server process per connection. Faults act on the
// stdio bytes; the host's lifecycle is what a journey's server step would drive.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { test, expect } from '@playwright/test';
import { connectToxiproxy, createFaultClient, type FaultClient, type ToxiproxyConnection } from '../../src/faults/client.js';
import { RelayTransport, type RelayTransportOptions } from '../../src/mcp/relayTransport.js';
import { isAlive } from '../../src/process/alive.js';
import { StdioHost, type StdioHostOptions } from '../../src/servers/stdioHost.js';
import { testServerCommand } from '../support/servers/spawn.js';

let toxiproxy: ToxiproxyConnection;
let faults: FaultClient;
let proxies = 0;
const hosts: StdioHost[] = [];
const clients: Client[] = [];

test.beforeAll(async () => {
  toxiproxy = await connectToxiproxy();
  faults = createFaultClient(toxiproxy.url);
});

test.afterAll(async () => {
  await toxiproxy.close();
});

test.afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

interface Relay {
  host: StdioHost;
  proxy: string;
  address: { host: string; port: number };
}

async function relay(options: Partial<StdioHostOptions> = {}): Promise<Relay> {
  const host = new StdioHost({ name: 'relay-test', ...testServerCommand('relay-test'), env: {}, stopGraceMs: 2000, ...options });
  hosts.push(host);
  const upstream = await host.listen();
  const proxy = `stdio-relay-${process.pid}-${++proxies}`;
  const state = await faults.ensureProxy({ name: proxy, listen: '127.0.0.1:0', upstream: `${upstream.host}:${upstream.port}` });
  const colon = state.listen.lastIndexOf(':');
  return { host, proxy, address: { host: state.listen.slice(0, colon), port: Number(state.listen.slice(colon + 1)) } };
}

interface Session {
  client: Client;
  transport: RelayTransport;
  /** Resolves when the transport reports the connection gone. */
  lost: Promise<void>;
}

async function open(address: Relay['address'], options?: RelayTransportOptions): Promise<Session> {
  const client = new Client({ name: 'relay-test', version: '1.0.0' }, { capabilities: {} });
  clients.push(client);
  const transport = new RelayTransport(address, options);
  let markLost: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => { markLost = resolve; });
  await client.connect(transport, { timeout: 15_000 });
  const onclose = client.onclose;
  client.onclose = () => { onclose?.(); markLost(); };
  return { client, transport, lost };
}

async function serverPid(client: Client): Promise<number> {
  const info = await client.readResource({ uri: 'test://info' });
  const first = info.contents[0];
  if (!first || !('text' in first)) throw new Error('test://info without text');
  return (JSON.parse(first.text) as { pid: number }).pid;
}

async function echo(client: Client, text: string): Promise<unknown> {
  const result = await client.callTool({ name: 'echo', arguments: { text } });
  return result.structuredContent;
}

test('a tool call goes through the proxy to a stdio server of its own', async () => {
  const { host, address } = await relay();
  const { client } = await open(address);
  expect(await echo(client, 'hello')).toEqual({ text: 'hello' });
  expect(await serverPid(client)).toBe(host.pid);
  expect(host.running).toBe(true);
  expect(host.url).toBe('stdio://relay-test');
  expect(host.port).toBeGreaterThan(0);
});

test('a downstream latency toxic delays every answer of the stdio server', async () => {
  const { proxy, address } = await relay();
  const { client } = await open(address);
  await echo(client, 'warm');
  await faults.addToxic(proxy, { type: 'latency', stream: 'downstream', attributes: { latency: 200 } });
  const started = performance.now();
  expect(await echo(client, 'slow')).toEqual({ text: 'slow' });
  expect(performance.now() - started).toBeGreaterThanOrEqual(200);
});

test('a proxy taken down cuts the live session and refuses new ones with a clear error', async () => {
  const { host, proxy, address } = await relay();
  const session = await open(address);
  const pid = host.pid;
  await faults.setEnabled(proxy, false);
  await session.lost;
  await expect(echo(session.client, 'after')).rejects.toThrow(/Not connected|Connection closed/);
  // The cut connection takes its process with it.
  await expect.poll(() => pid !== undefined && isAlive(pid)).toBe(false);
  await expect(open(address)).rejects.toThrow(`cannot reach the stdio relay at ${address.host}:${address.port}: connect ECONNREFUSED`);
  await faults.setEnabled(proxy, true);
  expect(await echo((await open(address)).client, 'up again')).toEqual({ text: 'up again' });
});

test('stop() loses the connection and refuses new ones until start()', async () => {
  const { host, address } = await relay();
  const session = await open(address);
  const pid = await serverPid(session.client);
  await host.stop();
  await session.lost;
  expect(isAlive(pid)).toBe(false);
  expect(host.running).toBe(false);
  expect(host.pid).toBeUndefined();
  await expect(open(address)).rejects.toThrow(/Connection closed/);
  await host.start();
  expect(host.running).toBe(true);
  expect(await echo((await open(address)).client, 'back')).toEqual({ text: 'back' });
});

test('restart() ends the process and the next connection gets a new one', async () => {
  const { host, address } = await relay();
  const first = await open(address);
  const before = await serverPid(first.client);
  await host.restart();
  await first.lost;
  expect(isAlive(before)).toBe(false);
  expect(host.running).toBe(true);
  const after = await serverPid((await open(address)).client);
  expect(after).not.toBe(before);
  expect(host.pid).toBe(after);
});

test('kill() ends the process at once, with no grace', async () => {
  // A grace this long would outlast the test if kill() waited for it.
  const { host, address } = await relay({ stopGraceMs: 120_000 });
  const session = await open(address);
  const pid = await serverPid(session.client);
  const started = performance.now();
  await host.kill();
  expect(performance.now() - started).toBeLessThan(5000);
  await session.lost;
  expect(isAlive(pid)).toBe(false);
  expect(host.running).toBe(false);
});

test('closing the client ends its server process and forgets its pid file', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'stdio-relay-'));
  try {
    const { host, address } = await relay({ dir });
    const { client } = await open(address);
    const pid = await serverPid(client);
    expect(await readdir(dir)).toEqual(['relay-test.stdio-1.pid']);
    await client.close();
    await expect.poll(() => isAlive(pid)).toBe(false);
    await expect.poll(() => readdir(dir)).toEqual([]);
    expect(host.pid).toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a server that exits mid-call cuts the connection, and its exit is in stderr()', async () => {
  const { host, address } = await relay();
  const session = await open(address);
  await expect(session.client.callTool({ name: 'crash', arguments: {} })).rejects.toThrow(/Connection closed/);
  await session.lost;
  expect(host.stderr()).toContain('--- relay-test.stdio-1 exited (code 3) ---');
});

test('a server that exits at once shows its stderr', async () => {
  const { host, address } = await relay({ command: process.execPath, args: ['-e', 'console.error("boom: no config"); process.exit(3)'] });
  await expect(open(address)).rejects.toThrow(/Connection closed/);
  // The exit and the last stderr line race each other: both arrive, in either order.
  await expect.poll(() => [...host.stderr()].sort()).toEqual(['--- relay-test.stdio-1 exited (code 3) ---', 'boom: no config']);
});

test('a command that cannot start is reported in stderr()', async () => {
  const { host, address } = await relay({ command: '/nonexistent/stdio-server', args: [] });
  await expect(open(address)).rejects.toThrow(/Connection closed/);
  await expect.poll(() => host.stderr().join('\n')).toContain('[spawn error] relay-test.stdio-1: spawn /nonexistent/stdio-server ENOENT');
});

test('a message longer than the buffer limit ends the connection with an error', async () => {
  const { address } = await relay();
  const session = await open(address, { maxBufferSize: 4096 });
  const errors: string[] = [];
  session.client.onerror = (e) => errors.push(e.message);
  // The twin under the limit goes through: the limit, not the call, ends the connection.
  expect((await session.client.callTool({ name: 'big', arguments: { bytes: 1000 } })).isError).toBeFalsy();
  await expect(session.client.callTool({ name: 'big', arguments: { bytes: 10_000 } })).rejects.toThrow(/Connection closed/);
  await session.lost;
  expect(errors).toContain('ReadBuffer exceeded maximum size of 4096 bytes');
});

test('the transport reports close once, whoever ends the connection', async () => {
  const { host, address } = await relay();
  const transport = new RelayTransport(address);
  let closes = 0;
  transport.onclose = () => { closes += 1; };
  await transport.start();
  await expect(transport.start()).rejects.toThrow('RelayTransport already started');
  await host.kill();
  await expect.poll(() => closes).toBe(1);
  await transport.close();
  await transport.close();
  expect(closes).toBe(1);
  await expect(transport.send({ jsonrpc: '2.0', method: 'ping', id: 1 })).rejects.toThrow('Not connected');
});

test('startExtra is refused, and close() is idempotent and leaves no process', async () => {
  const { host, address } = await relay();
  await expect(host.startExtra({})).rejects.toThrow('startExtra is not supported for stdio servers (relay-test)');
  const pid = await serverPid((await open(address)).client);
  await Promise.all([host.close(), host.close()]);
  expect(isAlive(pid)).toBe(false);
  expect(host.running).toBe(false);
  await expect(host.start()).rejects.toThrow('stdio host relay-test is closed');
});

test('a server that ignores the end of its stdin is stopped with its whole tree when the connection ends', async () => {
  // sh runs a grandchild that outlives stdin and reports its pid on stderr.
  const script = `${JSON.stringify(process.execPath)} -e "setInterval(() => {}, 1000)" & echo "child $!" >&2; wait`;
  const { host, address } = await relay({ command: 'sh', args: ['-c', script], stopGraceMs: 500 });
  const transport = new RelayTransport(address);
  await transport.start();
  await expect.poll(() => host.stderr().some((l) => l.startsWith('child '))).toBe(true);
  const grandchild = Number(host.stderr().find((l) => l.startsWith('child '))?.slice('child '.length));
  const leader = host.pid;
  expect(leader).toBeDefined();
  expect(isAlive(grandchild)).toBe(true);
  await transport.close();
  await expect.poll(() => [leader !== undefined && isAlive(leader), isAlive(grandchild)]).toEqual([false, false]);
});

test('a slicer toxic cuts the stdio bytes into small pieces and the framing puts them back together', async () => {
  const { proxy, address } = await relay();
  await faults.addToxic(proxy, { type: 'slicer', stream: 'downstream', attributes: { average_size: 8, size_variation: 4, delay: 0 } });
  const { client } = await open(address);
  const text = 'sliced '.repeat(50);
  expect(await echo(client, text)).toEqual({ text });
});

test('a limit_data toxic cuts the connection after its bytes, taking the process with it', async () => {
  const { host, proxy, address } = await relay();
  const session = await open(address);
  const pid = await serverPid(session.client);
  await faults.addToxic(proxy, { type: 'limit_data', stream: 'downstream', attributes: { bytes: 100 } });
  await expect(session.client.callTool({ name: 'big', arguments: { bytes: 1000 } })).rejects.toThrow(/Connection closed/);
  await session.lost;
  await expect.poll(() => isAlive(pid)).toBe(false);
  // Dead (a zombie counts as dead) a moment before this process hears of the exit.
  await expect.poll(() => host.pid).toBeUndefined();
});
