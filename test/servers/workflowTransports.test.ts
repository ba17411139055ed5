// workflow-mcp over each transport, its HTTP endpoints and resources, and how it starts, fails to start and stops.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import { test, expect } from './workflowFixtures.js';
import { connect, fails, freshProject, ok, runToExit, startWorkflow } from './workflowSupport.js';
import type { Transport } from './workflowSupport.js';

for (const transport of ['sse', 'stdio'] as Transport[]) {
  test(`${transport}: serverInfo, the tool list, tool calls and the health resources`, async ({ workflow, postgres }) => {
    const client = await connect(transport, { url: workflow.url, stdio: { databaseUrl: postgres.url() } });
    try {
      expect(client.getServerVersion()?.name).toBe('workflow-mcp');
      const tools = (await client.listTools()).tools;
      expect(tools).toHaveLength(21);
      const create = tools.find((t) => t.name === 'create_work_item');
      expect(Object.keys(create?.inputSchema.properties ?? {})).toEqual(['item_type', 'title', 'description', 'status', 'parent_id', 'entity_references']);
      for (const property of Object.values(create?.inputSchema.properties ?? {})) expect(property).toHaveProperty('description');
      await freshProject(client, transport);
      const item = await ok<{ id: string }>(client, 'create_work_item', { item_type: 'task', title: `via ${transport}` });
      expect((await ok<{ work_items: { id: string }[] }>(client, 'query_work_items')).work_items.map((i) => i.id)).toEqual([item.id]);
      expect(await fails(client, 'create_work_item', { item_type: 'task', title: '' })).toBe(`Error calling tool 'create_work_item': Work item title cannot be empty`);

      const uris = (await client.listResources()).resources.map((r) => r.uri).sort();
      expect(uris).toEqual(['health://connection-pool', 'health://status', 'metrics://prometheus']);
      const read = async (uri: string): Promise<unknown> => {
        const first = (await client.readResource({ uri })).contents[0];
        return JSON.parse(first && 'text' in first ? first.text : 'null') as unknown;
      };
      expect(await read('health://status')).toMatchObject({ status: 'healthy', database: { status: 'connected' } });
      expect(await read('health://connection-pool')).toHaveProperty('pools.workflow_registry.max', 10);
      expect(JSON.stringify(await read('metrics://prometheus'))).toContain('workflow_mcp_requests_total');
    } finally {
      await client.close();
    }
  });
}

test('HTTP endpoints: /health, /metrics as text and JSON, /api/v1/projects/active', async ({ workflow, client }) => {
  const project = await freshProject(client);
  await ok(client, 'create_work_item', { item_type: 'task', title: 'count me' });
  const health = await fetch(`${workflow.url}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'healthy', version: '0.1.0', database: { status: 'connected', pool: { max: expect.any(Number) } } });
  const text = await (await fetch(`${workflow.url}/metrics`)).text();
  expect(text).toMatch(/^workflow_mcp_requests_total\{tool="create_work_item",outcome="success"\} \d+$/m);
  expect(text).toContain('workflow_mcp_tool_latency_seconds_bucket');
  expect(text).toContain('workflow_mcp_pool_connections');
  const json = await (await fetch(`${workflow.url}/metrics`, { headers: { accept: 'application/json' } })).json() as { name: string }[];
  expect(json.map((m) => m.name)).toContain('workflow_mcp_errors_total');
  const active = await fetch(`${workflow.url}/api/v1/projects/active`);
  expect(await active.json()).toEqual({ project_id: project.id, name: project.name });
});

test('a fresh server: NO_ACTIVE_PROJECT, no active project over HTTP, and the active project survives a restart', async () => {
  const pgServer = await startPostgres();
  try {
    let server = await startWorkflow({ databaseUrl: pgServer.url() });
    let client = await connect('http', { url: server.url });
    const noProject = `NO_ACTIVE_PROJECT: No active project. Call switch_project() first.`;
    try {
      expect(await ok(client, 'get_active_project')).toBeNull();
      expect(await (await fetch(`${server.url}/api/v1/projects/active`)).json()).toEqual({ project_id: null, name: null });
      for (const [tool, args] of [['create_work_item', { item_type: 'task', title: 'x' }], ['query_work_items', {}], ['list_blocked_work_items', {}],
        ['create_entity', { entity_type: 't', name: 'n', data: {} }], ['query_entities', {}], ['list_deployments', {}]] as const) {
        expect(await fails(client, tool, args)).toBe(`Error calling tool '${tool}': ${noProject}`);
      }
      const project = await freshProject(client);
      await client.close();
      await server.stop();
      expect(await server.exited).toBe(0);
      server = await startWorkflow({ databaseUrl: pgServer.url() });
      client = await connect('http', { url: server.url });
      expect(await ok(client, 'get_active_project')).toMatchObject({ id: project.id });
    } finally {
      await client.close();
      await server.stop();
    }
  } finally {
    await pgServer.stop();
  }
});

test('port conflict: exits 1 with the port-in-use line', async ({ postgres }) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;
  try {
    const { code, stderr } = await runToExit({ databaseUrl: postgres.url(), port });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toContain(`ERROR: Address already in use (port ${port}). Stop conflicting process or configure alternative port via WORKFLOW_MCP_PORT environment variable.`);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('start-up failures: an unreachable database (FATAL + FIX) and a registry at another schema version', async () => {
  const pgServer = await startPostgres();
  try {
    const server = await startWorkflow({ databaseUrl: pgServer.url() });
    await server.stop();
    const admin = new pg.Client({ connectionString: pgServer.url('workflow_registry') });
    await admin.connect();
    await admin.query(`UPDATE schema_version SET version = '002'`);
    await admin.end();
    const mismatch = await runToExit({ databaseUrl: pgServer.url() });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(`ERROR: Database schema version mismatch. Current: 002, Expected: 003. Run 'alembic upgrade head' before starting server.`);
    await pgServer.halt();
    const down = await runToExit({ databaseUrl: pgServer.url() });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(new RegExp(`^FATAL: Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${pgServer.port}: .*\\nFIX: `, 'm'));
  } finally {
    await pgServer.stop();
  }
});
