// codebase-mcp as a process: SSE and stdio sessions, /health, /metrics, resources, log lines, start-up
// failures (port in use, unreachable database, schema mismatch), graceful SIGTERM, and project tier 3.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import getPort from 'get-port';
import pg from 'pg';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import type { RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { generateLargeRepo } from '../../fixtures/generators/largeRepo.js';
import { callJson, callTool, connectHttp, connectStdio, runToExit, startReference } from '../support/servers.js';
import type { ReferenceProcess } from '../support/servers.js';
import { storefront } from './codebaseSupport.js';
import { EXTENSIONS } from './codebaseSupport.js';
import type { IndexResult, SearchResult } from './codebaseSupport.js';
import { rm } from 'node:fs/promises';

test.describe.configure({ mode: 'serial' });

let postgres: RunningPostgres;
let server: ReferenceProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgres();
  server = await startReference('codebase-mcp', { databaseUrl: postgres.url(), env: EXTENSIONS });
});

test.afterAll(async () => {
  await server?.stop();
  await postgres?.stop();
});

test('legacy SSE session: tools, search, resources', async () => {
  const client = await connectHttp(server, 'sse');
  try {
    expect(client.getServerVersion()?.name).toBe('codebase-mcp');
    expect((await client.listTools()).tools).toHaveLength(6);
    await callJson<IndexResult>(client, 'index_repository', { repo_path: storefront });
    const found = await callJson<SearchResult>(client, 'search_code', { query: 'refund payment' });
    expect(found.results.map((r) => r.file_path)).toContain('src/payments/refunds.ts');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(['health://connection-pool', 'health://status', 'metrics://prometheus']);
  } finally {
    await client.close();
  }
});

test('stdio session: same tools, JSON logs only on stderr', async () => {
  const { client, stderr } = await connectStdio('codebase-mcp', { databaseUrl: postgres.url() });
  try {
    expect(client.getServerVersion()?.name).toBe('codebase-mcp');
    const found = await callJson<SearchResult>(client, 'search_code', { query: 'authenticate user password' });
    expect(found.results[0]?.file_path).toBe('src/auth/authService.ts');
    // database_status is 'unknown' until health's first probe has answered, which a loaded machine delays.
    const status = async (): Promise<unknown> => JSON.parse(((await client.readResource({ uri: 'health://status' })).contents[0] as { text: string }).text);
    await expect.poll(status, { timeout: 10_000 }).toMatchObject({ status: 'healthy', database_status: 'connected' });
    const error = await callTool(client, 'search_code', { query: '' });
    expect(error).toEqual({ isError: true, text: "Error calling tool 'search_code': Search query cannot be empty" });
    const lines = stderr().trim().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toContain('ready');
  } finally {
    await client.close();
  }
});

test('/health and /metrics, and the same data as MCP resources', async () => {
  const caller = await connectHttp(server);
  await callTool(caller, 'search_code', { query: '' });
  await caller.close();
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
  const report = await health.json() as Record<string, unknown>;
  expect(report).toMatchObject({
    status: 'healthy', version: expect.any(String), uptime_seconds: expect.any(Number),
    database: { status: 'connected', latency_ms: expect.any(Number), pool: { total: expect.any(Number), idle: expect.any(Number), active: expect.any(Number), waiting: 0, max: expect.any(Number) } },
  });
  expect(Number.isNaN(Date.parse(String(report['timestamp'])))).toBe(false);

  const text = await (await fetch(`${server.url}/metrics`)).text();
  expect(text).toMatch(/^codebase_mcp_requests_total\{tool="search_code",outcome="success"\} \d+$/m);
  expect(text).toMatch(/^codebase_mcp_errors_total\{tool="search_code"\} \d+$/m);
  expect(text).toContain('codebase_mcp_tool_latency_seconds_bucket{le="0.01",tool="search_code"}');
  expect(text).toMatch(/^codebase_mcp_pool_connections\{database="cb_proj_default_00000000",state="max"\} 20$/m);
  const json = await (await fetch(`${server.url}/metrics`, { headers: { accept: 'application/json' } })).json() as { name: string }[];
  expect(json.map((m) => m.name)).toEqual(expect.arrayContaining(['codebase_mcp_requests_total', 'codebase_mcp_tool_latency_seconds', 'codebase_mcp_pool_connections']));

  const client = await connectHttp(server);
  try {
    const read = async (uri: string) => JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text) as Record<string, unknown>;
    expect(await read('health://status')).toMatchObject({ status: 'healthy' });
    expect(await read('health://connection-pool')).toMatchObject({ pools: { codebase_mcp_registry: { max: 20 }, cb_proj_default_00000000: { max: 20 } } });
    expect(await read('metrics://prometheus')).toEqual({ counters: [], histograms: [] });
  } finally {
    await client.close();
  }
});

test('one JSON log line per tool call with request id, tool, latency and outcome', () => {
  const calls = server.stderr().split('\n').filter((l) => l.includes('"event":"tool_call"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(call).toMatchObject({ level: expect.any(String), request_id: expect.any(String), tool: expect.any(String), latency_ms: expect.any(Number) });
    expect(['success', 'error']).toContain(call['outcome']);
  }
});

test('port in use: exit 1 with the contract line', async () => {
  const { code, stderr } = await runToExit('codebase-mcp', { databaseUrl: postgres.url(), port: server.port });
  expect(code).toBe(1);
  expect(stderr.trim().split('\n')).toContain(`ERROR: Address already in use (port ${server.port}). Stop conflicting process or configure alternative port via CODEBASE_MCP_PORT environment variable.`);
});

test('unreachable database: FATAL and FIX lines, exit 1', async () => {
  const port = await getPort({ host: '127.0.0.1' });
  const { code, stderr } = await runToExit('codebase-mcp', { databaseUrl: `postgres://postgres:pw@127.0.0.1:${port}/postgres` });
  expect(code).toBe(1);
  const lines = stderr.trim().split('\n');
  expect(lines.some((l) => l.startsWith(`FATAL: Cannot connect to PostgreSQL at 127.0.0.1:${port}: `))).toBe(true);
  expect(lines.some((l) => l.startsWith('FIX: ') && l.includes('CODEBASE_MCP_DATABASE_URL'))).toBe(true);
});

test('schema version mismatch: exit 1 with the contract line', async () => {
  const other = await startPostgres();
  try {
    const first = await startReference('codebase-mcp', { databaseUrl: other.url() });
    await first.stop();
    const db = new pg.Client({ connectionString: other.url('codebase_mcp_registry') });
    await db.connect();
    await db.query(`UPDATE schema_version SET version = '002'`);
    await db.end();
    const { code, stderr } = await runToExit('codebase-mcp', { databaseUrl: other.url() });
    expect(code).toBe(1);
    expect(stderr).toContain('ERROR: Database schema version mismatch. Current: 002, Expected: 003.');
  } finally {
    await other.stop();
  }
});

test('SIGTERM: the in-flight call finishes, then exit 0', async () => {
  test.setTimeout(120_000);
  const repo = await generateLargeRepo({ files: 3000 });
  const own = await startReference('codebase-mcp', { databaseUrl: postgres.url(), env: EXTENSIONS });
  const client = await connectHttp(own);
  try {
    const call = callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir });
    await new Promise((r) => setTimeout(r, 400));
    const stopping = own.stop('SIGTERM');
    const result = await call;
    expect(result).toMatchObject({ status: 'success', files_indexed: 3001 });
    await stopping;
    expect(await own.exited).toBe(0);
    const started = own.stderr().split('\n').find((l) => l.includes('"event":"shutdown_started"'));
    expect(JSON.parse(started ?? '{}')).toMatchObject({ signal: 'SIGTERM', in_flight: 1 });
    expect(own.stderr()).toContain('"event":"shutdown_complete"');
  } finally {
    await client.close().catch(() => undefined);
    await own.stop('SIGKILL');
    await rm(repo.dir, { recursive: true, force: true });
  }
});

test('tier 3: workflow-mcp\'s active project, within 1 s, else default', async () => {
  const projectId = '7a0c3f7e-5b1d-4c2a-9e8f-0d1c2b3a4f5e';
  let mode: 'active' | 'slow' | 'none' = 'active';
  const fake: Server = createServer((req, res) => {
    if (req.url !== '/api/v1/projects/active') { res.writeHead(404).end(); return; }
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(mode === 'none' ? { project_id: null } : { project_id: projectId, name: 'wf-checkout' }));
    if (mode === 'slow') setTimeout(answer, 1500); else answer();
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  const own = await startReference('codebase-mcp', { databaseUrl: postgres.url(), env: { ...EXTENSIONS, WORKFLOW_MCP_URL: url } });
  const client = await connectHttp(own);
  try {
    const active = await callJson<SearchResult>(client, 'search_code', { query: 'anything' });
    expect(active).toMatchObject({ project_id: projectId, database_name: 'cb_proj_wfcheckout_7a0c3f7e' });
    mode = 'slow';
    const slow = await callJson<SearchResult>(client, 'search_code', { query: 'anything' });
    expect(slow.project_id).toBe('default');
    mode = 'none';
    expect((await callJson<SearchResult>(client, 'search_code', { query: 'anything' })).database_name).toBe('cb_proj_default_00000000');
  } finally {
    await client.close();
    await own.stop();
    fake.closeAllConnections();
    await new Promise((r) => fake.close(r));
  }
});
