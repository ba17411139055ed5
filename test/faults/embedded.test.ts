// What only the embedded server promises: its programmatic start/close and the foreground CLI.
import { spawn } from 'node:child_process';
import { createFaultClient } from '../../src/faults/client.js';
import { startToxiproxyServer } from '../../src/faults/server/index.js';
import { expect, test } from './support/target.js';
import { connectTo, echoUpstream, isListening } from './support/tcp.js';

test('port 0 picks a free port; close() stops the API, every listener and every connection', async () => {
  const upstream = await echoUpstream();
  const server = await startToxiproxyServer({ port: 0 });
  try {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const client = createFaultClient(server.url);
    const up = await client.ensureProxy({ name: 'up', listen: '127.0.0.1:0', upstream: upstream.address });
    const down = await client.ensureProxy({ name: 'down', listen: '127.0.0.1:0', upstream: upstream.address });
    await client.addToxic('up', { type: 'latency', attributes: { latency: 60_000 } });
    await client.addToxic('up', { type: 'reset_peer', stream: 'upstream', attributes: { timeout: 60_000 } });
    await client.setEnabled('down', false);
    const live = await connectTo(up.listen);
    live.socket.write('held for a minute');
    await server.close();
    expect(await live.closed).toMatch(/^(end|reset)$/);
    for (const listen of [`127.0.0.1:${server.port}`, up.listen, down.listen]) expect(await isListening(listen)).toBe(false);
    await server.close(); // idempotent
  } finally {
    await server.close();
    await upstream.close();
  }
});

test('the toxiproxy CLI serves in the foreground, logs to stderr and exits 0 on SIGTERM', async () => {
  test.setTimeout(30_000);
  const code = "const { run } = await import('./src/cli/toxiproxy.ts'); process.exitCode = await run(['--port', '0']);";
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (data: Buffer) => {
        stderr += data.toString();
        const match = /address=(http:\/\/\S+)/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const proxy = await createFaultClient(url).ensureProxy({ name: 'cli', listen: '127.0.0.1:0', upstream: 'x:1' });
    expect(await isListening(proxy.listen)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Shutdown complete');
    expect(await isListening(proxy.listen)).toBe(false);
    expect(await isListening(url.replace('http://', ''))).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('the toxiproxy CLI rejects bad arguments with exit code 2', async () => {
  const { run } = await import('../../src/cli/toxiproxy.js');
  expect(await run(['--port', 'abc'])).toBe(2);
  expect(await run(['--bogus'])).toBe(2);
});
