// Both stand-ins against the MCP conformance suite (pinned; on Node 20 with the fs.globSync shim): DNS
// rebinding protection and the POST SSE streams' priming event and `retry`. Then the same rules by hand:
// a foreign Host or Origin gets 403 on every endpoint, the port is free (Toxiproxy links forward with
// their own), the allowed names are configurable, and a POST stream's events replay after Last-Event-ID.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { expect, test } from '@playwright/test';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import type { RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { needsShim, runScenario, suiteVersion } from '../support/conformance/suite.js';
import type { Check } from '../support/conformance/suite.js';
import { runToExit, startReference } from '../support/servers.js';
import type { ReferenceName, ReferenceProcess } from '../support/servers.js';

test.describe.configure({ mode: 'serial' });

const names: ReferenceName[] = ['workflow-mcp', 'codebase-mcp'];
let postgres: RunningPostgres;
const servers = new Map<ReferenceName, ReferenceProcess>();

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  for (const name of names) servers.set(name, await startReference(name, { databaseUrl: postgres.url() }));
});

test.afterAll(async () => {
  for (const server of servers.values()) await server.stop();
  await postgres?.stop();
});

const serverOf = (name: ReferenceName): ReferenceProcess => {
  const server = servers.get(name);
  if (!server) throw new Error(`${name} did not start`);
  return server;
};

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** One request with exactly these headers (fetch would not let a test set Host). */
function raw(url: string, path: string, { method = 'POST', headers = {}, body, readMs }: { method?: string; headers?: Record<string, string>; body?: unknown; readMs?: number } = {}): Promise<Raw> {
  const target = new URL(url);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.hostname, port: target.port, path, method,
      headers: { accept: 'application/json, text/event-stream', ...(text ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8').on('data', (d: string) => { data += d; });
      const done = (): void => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data });
      res.once('end', done);
      // An SSE stream stays open: read it for a while, then hang up.
      if (readMs !== undefined) setTimeout(() => { req.destroy(); done(); }, readMs);
    });
    req.once('error', (e) => { if (!req.destroyed) reject(e); });
    req.end(text);
  });
}

const initialize = (protocolVersion = '2025-11-25'): unknown => ({
  jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'conformance-test', version: '0' } },
});

interface SseEvent { id?: string; retry?: string; data: string }
function sseEvents(text: string): SseEvent[] {
  return text.split('\n\n').filter((block) => block.trim() !== '' && !block.startsWith(':')).map((block) => {
    const event: SseEvent = { data: '' };
    for (const line of block.split('\n')) {
      const at = line.indexOf(':');
      const field = line.slice(0, at);
      const value = line.slice(at + 1).replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'retry') event.retry = value;
      else if (field === 'data') event.data += value;
    }
    return event;
  });
}

/** A session opened by hand: its id, and the headers a request on it carries. */
async function openSession(url: string, protocolVersion = '2025-11-25'): Promise<{ id: string; headers: Record<string, string> }> {
  const init = await raw(url, '/mcp', { body: initialize(protocolVersion) });
  expect(init.status, init.body).toBe(200);
  const id = String(init.headers['mcp-session-id']);
  const headers = { 'mcp-session-id': id, 'mcp-protocol-version': protocolVersion };
  expect((await raw(url, '/mcp', { headers, body: { jsonrpc: '2.0', method: 'notifications/initialized' } })).status).toBe(202);
  return { id, headers };
}

const byId = (checks: Check[], id: string): Check[] => checks.filter((c) => c.id === id);
const summary = (checks: Check[]): string => checks.map((c) => `${c.status} ${c.id}: ${c.errorMessage ?? c.description}`).join('\n');

test(`the suite is pinned exactly, and on this Node ${needsShim ? 'needs' : 'does not need'} the fs.globSync shim`, async () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
  expect(pkg.devDependencies['@modelcontextprotocol/conformance']).toBe(suiteVersion);
  test.skip(!needsShim, 'this Node has fs.globSync');
  const bare = await runScenario(`${serverOf('workflow-mcp').url}/mcp`, 'dns-rebinding-protection', { shim: false });
  expect(bare.code).not.toBe(0);
  expect(bare.output).toContain("does not provide an export named 'globSync'");
});

for (const name of names) {
  test(`${name}: conformance dns-rebinding-protection passes`, async () => {
    const run = await runScenario(`${serverOf(name).url}/mcp`, 'dns-rebinding-protection');
    expect(run.checks.map((c) => [c.id, c.status]), summary(run.checks)).toEqual([
      ['localhost-host-rebinding-rejected', 'SUCCESS'], ['localhost-host-valid-accepted', 'SUCCESS'],
    ]);
    expect(byId(run.checks, 'localhost-host-rebinding-rejected')[0]?.details).toMatchObject({ statusCode: 403 });
    expect(run.code).toBe(0);
  });

  test(`${name}: conformance SSE scenarios give no warning: priming event, retry, several streams`, async () => {
    const url = `${serverOf(name).url}/mcp`;
    const polling = await runScenario(url, 'server-sse-polling');
    const streams = await runScenario(url, 'server-sse-multiple-streams');
    const all = [...polling.checks, ...streams.checks];
    expect(all.filter((c) => c.status === 'WARNING'), summary(all)).toEqual([]);
    expect(byId(polling.checks, 'server-sse-priming-event').map((c) => c.status), summary(polling.checks)).toEqual(['SUCCESS']);
    expect(byId(polling.checks, 'server-sse-retry-field').map((c) => c.status)).toEqual(['SUCCESS']);
    expect(byId(polling.checks, 'server-sse-retry-field')[0]?.details).toMatchObject({ hasRetryField: true, retryValue: 1000 });
    expect(streams.checks.map((c) => [c.id, c.status])).toEqual([['server-accepts-multiple-post-streams', 'SUCCESS'], ['server-sse-streams-functional', 'SUCCESS']]);
    // The one failure: the scenario calls `test_reconnection`, a tool of the suite's own test server
    // that the stand-ins, keeping the real servers' tool lists, do not have.
    const failures = all.filter((c) => c.status === 'FAILURE');
    expect(failures.map((c) => c.errorMessage)).toEqual(['Tool call failed']);
    expect(JSON.stringify(failures[0]?.details)).toContain('test_reconnection');
  });
}

test('a foreign Host or Origin gets 403 on every endpoint, before any session is made', async () => {
  for (const name of names) {
    const { url, port } = serverOf(name);
    const cases: Record<string, string>[] = [
      { host: `evil.example.com:${port}` }, { host: `127.0.0.1:${port}`, origin: 'http://evil.example.com' }, { host: `localhost:${port}`, origin: 'null' },
    ];
    for (const headers of cases) {
      const init = await raw(url, '/mcp', { headers, body: initialize() });
      expect(init.status, `${name} ${JSON.stringify(headers)}`).toBe(403);
      expect(init.headers['mcp-session-id']).toBeUndefined();
      expect(JSON.parse(init.body)).toEqual({
        jsonrpc: '2.0', id: null,
        error: { code: -32000, message: headers['origin'] ? `Invalid Origin header: ${headers['origin']}` : `Invalid Host header: evil.example.com:${port}` },
      });
      // The legacy SSE stream too, which the SDK's own option leaves open, and the plain routes.
      expect((await raw(url, '/sse', { method: 'GET', headers: { ...headers, accept: 'text/event-stream' }, readMs: 1000 })).status).toBe(403);
      expect((await raw(url, '/health', { method: 'GET', headers })).status).toBe(403);
    }
    expect(serverOf(name).stderr()).toContain('"event":"request_rejected"');
  }
  const active = await raw(serverOf('workflow-mcp').url, '/api/v1/projects/active', { method: 'GET', headers: { host: 'evil.example.com' } });
  expect(active.status).toBe(403);
});

test('the local names pass on any port (a Toxiproxy link forwards with its own), with or without a local Origin', async () => {
  for (const name of names) {
    const { url, port } = serverOf(name);
    const cases: Record<string, string>[] = [{ host: `localhost:${port}` }, { host: '127.0.0.1:1' }, { host: '[::1]:8020', origin: 'http://localhost:3000' }, { host: 'LOCALHOST' }];
    for (const headers of cases) {
      const init = await raw(url, '/mcp', { headers, body: initialize() });
      expect(init.status, `${name} ${JSON.stringify(headers)}: ${init.body}`).toBe(200);
    }
  }
});

test('<PREFIX>_ALLOWED_HOSTS and _ALLOWED_ORIGINS replace the local names; * turns the check off; a bad entry stops start-up', async () => {
  const custom = await startReference('codebase-mcp', {
    databaseUrl: postgres.url(), env: { CODEBASE_MCP_ALLOWED_HOSTS: 'mcp.internal, 127.0.0.1:7000', CODEBASE_MCP_ALLOWED_ORIGINS: 'https://app.internal' },
  });
  try {
    const status = async (headers: Record<string, string>): Promise<number> => (await raw(custom.url, '/health', { method: 'GET', headers })).status;
    expect(await status({ host: 'mcp.internal:9999' })).toBe(200);
    expect(await status({ host: '127.0.0.1:7000' })).toBe(200);
    expect(await status({ host: '127.0.0.1:7001' })).toBe(403);
    expect(await status({ host: `localhost:${custom.port}` })).toBe(403);
    expect(await status({ host: 'mcp.internal', origin: 'https://app.internal' })).toBe(200);
    expect(await status({ host: 'mcp.internal', origin: 'http://mcp.internal' })).toBe(403);
  } finally {
    await custom.stop();
  }
  const open = await startReference('workflow-mcp', { databaseUrl: postgres.url(), env: { WORKFLOW_MCP_ALLOWED_HOSTS: '*' } });
  try {
    expect((await raw(open.url, '/health', { method: 'GET', headers: { host: 'evil.example.com', origin: 'http://evil.example.com' } })).status).toBe(200);
  } finally {
    await open.stop();
  }
  const bad = await runToExit('workflow-mcp', { databaseUrl: postgres.url(), env: { WORKFLOW_MCP_ALLOWED_HOSTS: 'http://x/' } });
  expect(bad.code).toBe(1);
  expect(bad.stderr.trim()).toBe("ERROR: WORKFLOW_MCP_ALLOWED_HOSTS: 'http://x/' is not a host name or host:port.");
  const badOrigin = await runToExit('codebase-mcp', { databaseUrl: postgres.url(), env: { CODEBASE_MCP_ALLOWED_ORIGINS: 'app.internal' } });
  expect(badOrigin.stderr.trim()).toBe("ERROR: CODEBASE_MCP_ALLOWED_ORIGINS: 'app.internal' is not an origin such as http://localhost:3000.");
});

test('a POST stream opens with a priming event (id, retry) and its events replay after that id on GET with Last-Event-ID', async () => {
  for (const name of names) {
    const { url } = serverOf(name);
    // The session's version decides, not a request's header: 2025-03-26 named on a 2025-11-25 session.
    const session = await openSession(url);
    const post = await raw(url, '/mcp', { headers: { ...session.headers, 'mcp-protocol-version': '2025-03-26' }, body: { jsonrpc: '2.0', id: 7, method: 'tools/list' } });
    expect(post.headers['content-type']).toBe('text/event-stream');
    const events = sseEvents(post.body);
    expect(events[0], post.body).toEqual({ id: expect.stringMatching(/.+_\d+$/), retry: '1000', data: '' });
    expect(JSON.parse(events[1]?.data ?? '{}')).toMatchObject({ id: 7, result: { tools: expect.any(Array) } });

    const resumed = await raw(url, '/mcp', { method: 'GET', headers: { ...session.headers, accept: 'text/event-stream', 'last-event-id': events[0]?.id ?? '' }, readMs: 1500 });
    expect(resumed.status).toBe(200);
    const replayed = sseEvents(resumed.body);
    expect(replayed.map((e) => e.id)).toEqual([events[1]?.id]);
    expect(JSON.parse(replayed[0]?.data ?? '{}')).toMatchObject({ id: 7, result: { tools: expect.any(Array) } });

    const unknown = await raw(url, '/mcp', { method: 'GET', headers: { ...session.headers, accept: 'text/event-stream', 'last-event-id': 'nope_1' }, readMs: 1500 });
    expect(unknown.status).toBe(400);
  }
});

test('a session agreed at 2025-03-26 gets no priming event: its clients cannot read an empty data field', async () => {
  const { url } = serverOf('workflow-mcp');
  const session = await openSession(url, '2025-03-26');
  const post = await raw(url, '/mcp', { headers: session.headers, body: { jsonrpc: '2.0', id: 8, method: 'tools/list' } });
  const events = sseEvents(post.body);
  expect(events).toHaveLength(1);
  expect(events[0]?.retry).toBeUndefined();
  expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ id: 8 });
});
