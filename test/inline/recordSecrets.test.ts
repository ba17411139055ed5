// Secrets seen on the wire stay out of what `record` writes: a careless server (echoServer.ts) tells the
// token of its environment (stdio) and the Authorization header it was reached with (HTTP), and the
// client sends a password; none of them is in the journey or the replay recording, and the mask is
// there instead, so the test cannot pass on a session that never carried them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, test } from '@playwright/test';
import { MASK } from '../../src/report/mask.js';
import { startTestServer, testServerCommand } from '../support/servers/spawn.js';
import { cli, startHttpProxy } from './support/recordSession.js';

test.describe.configure({ timeout: 120_000 });

const echoServer = fileURLToPath(new URL('../support/servers/echoServer.ts', import.meta.url));
const ENV_TOKEN = 'planted-env-7a41c9e2';
const BEARER = 'planted-bearer-3e8d5b10';
const PASSWORD = 'planted-pass-c2f9a7d4';

test('an env token, a bearer header and a password argument are masked in the journey and the recording', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-record-secrets-'));
  const web = await startTestServer({ transport: 'http', script: echoServer, name: 'web' });
  try {
    const out = join(dir, 'journeys', 'recorded', 'secrets.journey.yaml');
    const proxy = await startHttpProxy(out, 'web', `${web.url}/mcp`);
    const server = testServerCommand('local', echoServer);
    const local = new Client({ name: 'claude-code', version: '2.1.203' });
    await local.connect(new StdioClientTransport({
      command: process.execPath, args: [cli, 'record', '--out', out, '--name', 'local', '--', server.command, ...server.args],
      env: { ...process.env, API_TOKEN: ENV_TOKEN }, stderr: 'pipe',
    }));
    const remote = new Client({ name: 'claude-code', version: '2.1.203' });
    await remote.connect(new StreamableHTTPClientTransport(new URL(proxy.url), { requestInit: { headers: { Authorization: `Bearer ${BEARER}` } } }));
    const told = await local.callTool({ name: 'tell', arguments: { env: 'API_TOKEN' } });
    expect(JSON.stringify(told)).toContain(ENV_TOKEN);
    const heard = await remote.callTool({ name: 'tell', arguments: { password: PASSWORD } });
    expect(JSON.stringify(heard)).toContain(BEARER);
    await remote.callTool({ name: 'tell', arguments: { refuse: true } });
    await local.close();
    await remote.close();
    expect(await proxy.stop()).toBe(0);
    const written = [readFileSync(out, 'utf8'), readFileSync(out.replace('.journey.yaml', '.recording.json'), 'utf8')];
    for (const text of written) {
      for (const secret of [ENV_TOKEN, BEARER, PASSWORD]) expect(text).not.toContain(secret);
    }
    expect(written[0]).toContain(`password: "${MASK}"`);
    expect(written[1]).toContain(`API_TOKEN=${MASK}`);
    expect(written[1]).toContain(`Authorization=${MASK} credentials=${MASK} password=${MASK}`);
  } finally {
    await web.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
