// The embedded stack against the real reference servers: up, wired, isolated, and gone after stop().
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pg from 'pg';
import { projectRoot, startStack } from '../../src/servers/startStack.js';
import type { RunningStack } from '../../src/servers/types.js';
import { footprint, nothing, remaining } from './support/leftovers.js';
import { tcpLinks } from './support/tcpLinks.js';

test.setTimeout(120_000);

async function health(url: string): Promise<{ status: string; database: { status: string } }> {
  const res = await fetch(`${url}/health`);
  expect(res.status).toBe(200);
  return await res.json() as { status: string; database: { status: string } };
}

async function environ(pid: number | undefined): Promise<Record<string, string>> {
  const text = await readFile(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(text.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** The URL clients use for each server on this stack. */
function urls(stack: RunningStack): Record<string, string | undefined> {
  return Object.fromEntries(Object.values(stack.mcpConfig.servers).map((e) => [e.name, e.url]));
}

interface McpJson { mcpServers: Record<string, { type: string; url: string; tools: string[] }> }

async function listTools(entry: { type: string; url: string }): Promise<string[]> {
  const client = new Client({ name: 'claude-code', version: '0.0.0' });
  const url = new URL(entry.url);
  await client.connect(entry.type === 'sse' ? new SSEClientTransport(url) : new StreamableHTTPClientTransport(url));
  try {
    return (await client.listTools()).tools.map((t) => t.name).sort();
  } finally {
    await client.close();
  }
}

test('a stack comes up wired to its database and each other, and stop() leaves nothing behind', async () => {
  const stack = await startStack();
  let stopped = false;
  try {
    const codebase = stack.server('codebase-mcp');
    const workflow = stack.server('workflow-mcp');
    expect(codebase.running && workflow.running).toBe(true);
    expect(urls(stack)).toEqual({ 'codebase-mcp': `${codebase.url}/mcp`, 'workflow-mcp': `${workflow.url}/sse` });
    expect(stack.databases['codebase-mcp']).toBe(stack.postgres.url);
    expect((await health(codebase.url)).status).toBe('healthy');
    expect((await health(workflow.url)).database.status).toBe('connected');
    // Each server created its registry in the cluster the stack handed it.
    const db = new pg.Client({ connectionString: stack.databases['workflow-mcp'] });
    await db.connect();
    const { rows } = await db.query<{ datname: string }>('select datname from pg_database order by datname');
    await db.end();
    expect(rows.map((r) => r.datname)).toEqual(expect.arrayContaining(['codebase_mcp_registry', 'workflow_registry']));
    // The cross-server URLs point at each other's client-facing addresses.
    expect(await environ(workflow.pid)).toMatchObject({ CODEBASE_MCP_URL: codebase.url, WORKFLOW_MCP_DATABASE_URL: stack.postgres.url });
    expect(await environ(codebase.pid)).toMatchObject({ WORKFLOW_MCP_URL: workflow.url, CODEBASE_MCP_DATABASE_URL: stack.postgres.url });
    expect(stack.timings.totalMs).toBeGreaterThanOrEqual(stack.timings.postgresMs + stack.timings.serversMs);

    const before = await footprint(stack);
    expect(before.pids.length).toBeGreaterThan(3);
    await stack.stop();
    stopped = true;
    expect(await remaining(before)).toEqual(nothing);
    await stack.stop();
  } finally {
    if (!stopped) await stack.stop();
  }
});

test('fixtures/mcp.json, as the stack rewrites it, reaches both servers and lists exactly their tools', async () => {
  const stack = await startStack();
  try {
    const declared = JSON.parse(await readFile(path.join(projectRoot, 'fixtures/mcp.json'), 'utf8')) as McpJson;
    for (const [name, entry] of Object.entries(stack.mcpConfig.servers)) {
      expect.soft(await listTools({ type: entry.type, url: entry.url ?? '' }), name).toEqual([...declared.mcpServers[name]?.tools ?? []].sort());
    }
  } finally {
    await stack.stop();
  }
});

test('two stacks side by side share nothing, and stopping one leaves the other working', async () => {
  const [a, b] = await Promise.all([startStack(), startStack()]);
  const stacks: RunningStack[] = [a, b];
  try {
    const fa = await footprint(a);
    const fb = await footprint(b);
    expect(fa.ports.filter((p) => fb.ports.includes(p))).toEqual([]);
    expect(fa.dirs.filter((d) => fb.dirs.includes(d))).toEqual([]);
    const db = new pg.Client({ connectionString: a.databases['codebase-mcp'] });
    await db.connect();
    await db.query('create database only_in_a');
    await db.end();
    const other = new pg.Client({ connectionString: b.databases['codebase-mcp'] });
    await other.connect();
    const { rowCount } = await other.query("select 1 from pg_database where datname = 'only_in_a'");
    await other.end();
    expect(rowCount).toBe(0);

    await a.stop();
    expect(await remaining(fa)).toEqual(nothing);
    expect((await health(b.server('codebase-mcp').url)).database.status).not.toBe('unreachable');
    await expect.poll(async () => (await health(b.server('workflow-mcp').url)).database.status, { timeout: 10_000 }).toBe('connected');
  } finally {
    await Promise.all(stacks.map((s) => s.stop()));
  }
});

test('with a link provider, clients and servers reach every target through its link; sql stays direct', async () => {
  const links = tcpLinks();
  const stack = await startStack({ links });
  try {
    const made = Object.fromEntries(links.made.map((m) => [m.name, m]));
    expect(Object.keys(made).sort()).toEqual(['codebase-mcp', 'codebase-mcp.db', 'workflow-mcp', 'workflow-mcp.db']);
    const codebase = stack.server('codebase-mcp');
    const workflow = stack.server('workflow-mcp');
    expect(made['codebase-mcp']?.upstream).toEqual({ host: '127.0.0.1', port: codebase.port });
    expect(made['workflow-mcp.db']?.upstream.port).toBe(Number(new URL(stack.postgres.url).port));
    const via = (name: string): string => `http://127.0.0.1:${made[name]?.address.port}`;
    expect([codebase.url, workflow.url]).toEqual([via('codebase-mcp'), via('workflow-mcp')]);
    expect(urls(stack)).toEqual({ 'codebase-mcp': `${via('codebase-mcp')}/mcp`, 'workflow-mcp': `${via('workflow-mcp')}/sse` });
    expect(stack.databases['codebase-mcp']).toBe(stack.postgres.url);
    expect(stack.toxiproxyUrl).toBe(links.apiUrl);

    const cbEnv = await environ(codebase.pid);
    const wfEnv = await environ(workflow.pid);
    expect(new URL(cbEnv['CODEBASE_MCP_DATABASE_URL'] ?? '').port).toBe(String(made['codebase-mcp.db']?.address.port));
    expect(new URL(wfEnv['WORKFLOW_MCP_DATABASE_URL'] ?? '').port).toBe(String(made['workflow-mcp.db']?.address.port));
    expect(cbEnv['WORKFLOW_MCP_URL']).toBe(via('workflow-mcp'));
    expect(wfEnv['CODEBASE_MCP_URL']).toBe(via('codebase-mcp'));
    // Both servers really talk to PostgreSQL through their links, and clients reach them through theirs.
    // Health says 'unknown' until its first database probe has answered, which a loaded machine delays.
    await expect.poll(async () => (await health(workflow.url)).database.status, { timeout: 10_000 }).toBe('connected');
    expect(links.connections.get('codebase-mcp.db')).toBeGreaterThan(0);
    expect(links.connections.get('workflow-mcp.db')).toBeGreaterThan(0);
    expect(links.connections.get('workflow-mcp')).toBeGreaterThan(0);
  } finally {
    await stack.stop();
  }
  expect(links.closed).toBe(true);
});
