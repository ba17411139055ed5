// The stand-in codebase-mcp's default contract against the real server's, as measured
// (realCodebaseContract.json, from servers.md): tools/list names, each argument's schema, outputSchema,
// result key sets (text and structuredContent alike), error texts, resources and the health://status shape.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import type { RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { connectHttp, connectStdio, eventually, startReference } from '../support/servers.js';
import type { ReferenceProcess } from '../support/servers.js';
import { copyRepo } from './codebaseSupport.js';

interface ToolContract {
  inputSchema: { required: string[]; properties: Record<string, unknown> };
  resultKeys: string[];
  itemKeys?: Record<string, string[]>;
}

interface Contract {
  serverInfo: { name: string; version: string };
  capabilities: Record<string, unknown>;
  tools: Record<string, ToolContract>;
  defaultProjectId: string;
  storefront: { files_indexed: number; chunks_created: number; status_message: string };
  timestamp: string;
  errors: { tool: string; args: Record<string, unknown>; text: string; prefix?: boolean }[];
  resources: {
    uris: string[];
    'health://status': { keys: string[]; connection_pool: string[]; uptime_seconds: string };
    'metrics://prometheus': unknown;
  };
}

const contract = JSON.parse(readFileSync(new URL('./realCodebaseContract.json', import.meta.url), 'utf8')) as Contract;

test.describe.configure({ mode: 'serial' });

let pg: RunningPostgres;
let server: ReferenceProcess;
let stdio: { client: Client; stderr: () => string };
let http: Client;
let repo: { dir: string; dispose(): Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pg = await startPostgres();
  // The suite's own environment must not turn extensions on behind the test's back.
  const env = { CODEBASE_MCP_EXTENSIONS: '' };
  server = await startReference('codebase-mcp', { databaseUrl: pg.url(), env });
  http = await connectHttp(server);
  stdio = await connectStdio('codebase-mcp', { databaseUrl: pg.url(), env });
  repo = await copyRepo();
});

test.afterAll(async () => {
  await stdio?.client.close();
  await http?.close();
  await server?.stop();
  await pg?.stop();
  await repo?.dispose();
});

interface Called { isError: boolean; text: string; structured: unknown }

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Called> {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 });
  const content = result.content as { type: string; text?: string }[];
  expect(content, `${name}: one text item`).toHaveLength(1);
  return { isError: result.isError === true, text: content[0]?.text ?? '', structured: result.structuredContent };
}

/** A successful result: its JSON text and structuredContent are the same object. */
async function ok(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await call(client, name, args);
  expect(result.isError, `${name}: ${result.text}`).toBe(false);
  const parsed = JSON.parse(result.text) as Record<string, unknown>;
  expect(result.structured, `${name}: structuredContent equals the JSON text`).toEqual(parsed);
  return parsed;
}

function expectKeys(tool: string, value: Record<string, unknown>): void {
  const spec = contract.tools[tool]!;
  expect(Object.keys(value).sort(), `${tool} result keys`).toEqual([...spec.resultKeys].sort());
  for (const [field, keys] of Object.entries(spec.itemKeys ?? {})) {
    const inner = value[field];
    const items = Array.isArray(inner) ? inner : [inner];
    for (const item of items) if (item !== null) expect(Object.keys(item as object).sort(), `${tool}.${field} keys`).toEqual([...keys].sort());
  }
}

for (const transport of ['stdio', 'http'] as const) {
  test(`${transport}: serverInfo, capabilities, and tools/list equal the real server's, argument by argument`, async () => {
    const client = transport === 'stdio' ? stdio.client : http;
    expect(client.getServerVersion()).toMatchObject(contract.serverInfo);
    expect(client.getServerCapabilities()).toMatchObject(contract.capabilities);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(contract.tools).sort());
    for (const tool of tools) {
      const spec = contract.tools[tool.name]!;
      expect([...(tool.inputSchema.required ?? [])].sort(), `${tool.name} required`).toEqual([...spec.inputSchema.required].sort());
      expect(Object.keys(tool.inputSchema.properties ?? {}).sort(), `${tool.name} arguments`).toEqual(Object.keys(spec.inputSchema.properties).sort());
      for (const [arg, schema] of Object.entries(spec.inputSchema.properties)) {
        expect(tool.inputSchema.properties?.[arg], `${tool.name}.${arg}`).toEqual(schema);
      }
      expect(tool.outputSchema, `${tool.name} outputSchema`).toBeDefined();
    }
  });
}

test('every error text, including validation before the tool runs and unknown tools', async () => {
  for (const e of contract.errors) {
    const result = await call(stdio.client, e.tool, e.args);
    expect(result.isError, `${e.tool} ${JSON.stringify(e.args)}`).toBe(true);
    if (e.prefix) expect(result.text.startsWith(e.text), `${e.tool} ${JSON.stringify(e.args)}: ${result.text}`).toBe(true);
    else expect(result.text, `${e.tool} ${JSON.stringify(e.args)}`).toBe(e.text);
  }
});

test('result key sets, the default project id, the storefront counts and timestamps', async () => {
  const started = await ok(stdio.client, 'start_indexing_background', { repo_path: repo.dir });
  expectKeys('start_indexing_background', started);
  expect(started).toMatchObject({ status: 'pending', message: 'Indexing job started', force_reindex: false, project_id: contract.defaultProjectId });
  const done = await eventually(async () => {
    const s = await ok(stdio.client, 'get_indexing_status', { job_id: started['job_id'] });
    return s['status'] === 'completed' || s['status'] === 'failed' ? s : undefined;
  });
  expectKeys('get_indexing_status', done);
  expect(done).toMatchObject({ status: 'completed', ...contract.storefront, project_id: contract.defaultProjectId, error_message: null });
  for (const key of ['created_at', 'started_at', 'completed_at']) expect(done[key]).toMatch(new RegExp(contract.timestamp));

  const search = await ok(stdio.client, 'search_code', { query: 'authenticate user password', limit: 3 });
  expectKeys('search_code', search);
  expect(search['project_id']).toBe(contract.defaultProjectId);

  const wd = await ok(stdio.client, 'set_working_directory', { directory: repo.dir });
  expectKeys('set_working_directory', wd);
  const again = await ok(stdio.client, 'set_working_directory', { directory: repo.dir });
  expect(again['session_id'], 'a fresh session_id per call').not.toBe(wd['session_id']);
  expect(wd['project_info']).toEqual({ name: 'storefront', id: null });
});

test('a missing repository is accepted as a job that then fails with an error_message', async () => {
  const started = await ok(stdio.client, 'start_indexing_background', { repo_path: '/nonexistent/repository' });
  expect(started['status']).toBe('pending');
  const done = await eventually(async () => {
    const s = await ok(stdio.client, 'get_indexing_status', { job_id: started['job_id'] });
    return s['status'] === 'completed' || s['status'] === 'failed' ? s : undefined;
  });
  expect(done['status']).toBe('failed');
  expect(done['error_message']).toEqual(expect.any(String));
});

test('resources: the three URIs, health://status and metrics://prometheus in the real shapes', async () => {
  const { resources } = await stdio.client.listResources();
  expect(resources.map((r) => r.uri).sort()).toEqual([...contract.resources.uris].sort());
  const read = async (uri: string) => JSON.parse(((await stdio.client.readResource({ uri })).contents[0] as { text: string }).text) as Record<string, unknown>;
  const health = await read('health://status');
  const shape = contract.resources['health://status'];
  expect(Object.keys(health).sort()).toEqual([...shape.keys].sort());
  expect(Object.keys(health['connection_pool'] as object).sort()).toEqual([...shape.connection_pool].sort());
  expect(typeof health['uptime_seconds']).toBe(shape.uptime_seconds);
  expect(await read('metrics://prometheus')).toEqual(contract.resources['metrics://prometheus']);
});
