// The stdio host attached in-process, as a journey that faults nothing of a stdio server reaches it
// (src/worker/reach.ts): the same processes and lifecycle as through a socket, one hop fewer. And the
// processes it spawns: each leads a process group of its own (so a signal reaches its tree) in our
// session (so the kernel's autogroup scheduling does not put its wake-ups behind ours).
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { test, expect } from '@playwright/test';
import { RelayTransport } from '../../src/mcp/relayTransport.js';
import { isAlive } from '../../src/process/alive.js';
import { StdioHost } from '../../src/servers/stdioHost.js';
import { testServerCommand } from '../support/servers/spawn.js';

const hosts: StdioHost[] = [];
const clients: Client[] = [];

test.afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function attached(): Promise<{ host: StdioHost; open: () => Promise<Client> }> {
  const host = new StdioHost({ name: 'attach-test', ...testServerCommand('attach-test'), env: {}, stopGraceMs: 2000 });
  hosts.push(host);
  const address = await host.listen();
  const open = async () => {
    const client = new Client({ name: 'attach-test', version: '1.0.0' }, { capabilities: {} });
    clients.push(client);
    await client.connect(new RelayTransport({ ...address, attach: () => host.attach() }), { timeout: 15_000 });
    return client;
  };
  return { host, open };
}

async function serverPid(client: Client): Promise<number> {
  const info = await client.readResource({ uri: 'test://info' });
  const first = info.contents[0];
  if (!first || !('text' in first)) throw new Error('test://info without text');
  return (JSON.parse(first.text) as { pid: number }).pid;
}

/** Process group and session of a process, from /proc (fields 5 and 6, after the parenthesised name). */
function groupAndSession(pid: number | 'self'): { pgrp: number; session: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [, , pgrp, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pgrp: Number(pgrp), session: Number(session) };
}

test('an attached client calls the server, and closing it ends the server process', async () => {
  const { open } = await attached();
  const client = await open();
  const result = await client.callTool({ name: 'echo', arguments: { text: 'no socket' } });
  expect(result.structuredContent).toEqual({ text: 'no socket' });
  const pid = await serverPid(client);
  await client.close();
  await expect.poll(() => isAlive(pid)).toBe(false);
});

test('a stopped host refuses an attached client until start()', async () => {
  const { host, open } = await attached();
  await host.stop();
  await expect(open()).rejects.toThrow(/Connection closed/);
  await host.start();
  const client = await open();
  expect((await client.callTool({ name: 'echo', arguments: { text: 'back' } })).structuredContent).toEqual({ text: 'back' });
});

test.describe('the processes the host spawns', () => {
  test.skip(process.platform !== 'linux', '/proc is Linux');

  test('each leads a process group of its own, in our session', async () => {
    const { open } = await attached();
    const pid = await serverPid(await open());
    const server = groupAndSession(pid);
    expect(server.pgrp).toBe(pid);
    expect(server.session).toBe(groupAndSession('self').session);
  });
});
