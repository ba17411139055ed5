// Cross-server references: workflow-mcp resolves entity_references through codebase-mcp's get_code_chunks on
// every read and reports valid, stale and partially stale references, and an unreachable codebase-mcp.
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { codebaseEndpoint } from '../../fixtures/servers/workflow-mcp/references/codebaseClient.js';
import { test as base, expect } from './workflowFixtures.js';
import { connect, freshProject, ok, startWorkflow } from './workflowSupport.js';
import type { WorkflowProcess } from './workflowSupport.js';
import { startFakeCodebase } from './workflowFakeCodebase.js';
import type { FakeCodebase } from './workflowFakeCodebase.js';

const test = base.extend<{ linked: Client }, { codebase: FakeCodebase; linkedServer: WorkflowProcess }>({
  codebase: [async ({}, use) => { // eslint-disable-line no-empty-pattern -- Playwright reads the pattern
    const fake = await startFakeCodebase();
    try {
      await use(fake);
    } finally {
      await fake.stop();
    }
  }, { scope: 'worker' }],
  linkedServer: [async ({ postgres, codebase }, use) => {
    const server = await startWorkflow({ databaseUrl: postgres.url(), env: { CODEBASE_MCP_URL: codebase.url } });
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  }, { scope: 'worker', timeout: 60_000 }],
  linked: async ({ linkedServer }, use) => {
    const client = await connect('http', { url: linkedServer.url });
    try {
      await use(client);
    } finally {
      await client.close();
    }
  },
});

interface Annotated { id: string; entity_references: string[]; valid_references?: string[]; stale_references?: string[]; warnings?: string[] }

const stale = (id: string) => `Entity reference '${id}' not found in codebase-mcp. Code may have been deleted or re-indexed.`;
const live = (codebase: FakeCodebase, n: number) => Array.from({ length: n }, () => {
  const id = randomUUID();
  codebase.chunks.add(id);
  return id;
});

test('valid references: the created item and every read list them as valid, with no warnings', async ({ linked, codebase }) => {
  await freshProject(linked);
  const refs = live(codebase, 3);
  const created = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'Harden AuthService', entity_references: refs });
  expect(created).toMatchObject({ entity_references: refs, valid_references: refs, stale_references: [], warnings: [] });
  const queried = await ok<{ work_items: Annotated[] }>(linked, 'query_work_items');
  expect(queried.work_items[0]).toMatchObject({ valid_references: refs, stale_references: [], warnings: [] });
  expect(codebase.calls.at(-1)).toEqual(refs);
});

test('stale references: an id that never existed and a chunk removed by re-indexing are flagged on read', async ({ linked, codebase }) => {
  await freshProject(linked);
  const [chunk] = live(codebase, 1);
  const never = 'never-existed-chunk';
  const item = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'Invalid ref', entity_references: [never] });
  expect(item).toMatchObject({ entity_references: [never], valid_references: [], stale_references: [never], warnings: [stale(never)] });

  const tracked = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'Tracked', entity_references: [chunk!] });
  expect(tracked.stale_references).toEqual([]);
  codebase.chunks.delete(chunk!);
  const h = await ok<{ work_item: Annotated }>(linked, 'get_work_item_hierarchy', { work_item_id: tracked.id });
  expect(h.work_item).toMatchObject({ valid_references: [], stale_references: [chunk], warnings: [stale(chunk!)] });
});

test('partial staleness: one of three stale gives "2 of 3 entity references remain valid."', async ({ linked, codebase }) => {
  await freshProject(linked);
  const refs = live(codebase, 3);
  const parent = await ok<Annotated>(linked, 'create_work_item', { item_type: 'project', title: 'Parent' });
  const item = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'Three refs', parent_id: parent.id, entity_references: refs });
  codebase.chunks.delete(refs[1]!);
  const expected = {
    entity_references: refs, valid_references: [refs[0], refs[2]], stale_references: [refs[1]],
    warnings: [stale(refs[1]!), '2 of 3 entity references remain valid.'],
  };
  expect((await ok<{ work_items: Annotated[] }>(linked, 'query_work_items', { parent_id: parent.id })).work_items[0]).toMatchObject(expected);
  expect((await ok<{ children: Annotated[] }>(linked, 'get_work_item_hierarchy', { work_item_id: parent.id })).children[0]).toMatchObject(expected);
  const updated = await ok<Annotated>(linked, 'update_work_item', { work_item_id: item.id, status: 'active' });
  expect(updated).toMatchObject(expected);
});

test('unreachable codebase-mcp: reads still succeed with the unavailable warning, and recover when it is back', async ({ linked, codebase }) => {
  await freshProject(linked);
  const refs = live(codebase, 2);
  const item = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'Survives', entity_references: refs });
  expect(item.warnings).toEqual([]);
  await codebase.stop();
  try {
    const read = await ok<{ work_item: Annotated }>(linked, 'get_work_item_hierarchy', { work_item_id: item.id });
    expect(read.work_item.entity_references).toEqual(refs);
    expect(read.work_item.warnings).toEqual(['code_search_unavailable: codebase-mcp server not reachable']);
    const created = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'Created while down', entity_references: refs });
    expect(created.warnings).toEqual(['code_search_unavailable: codebase-mcp server not reachable']);
    const none = await ok<Annotated>(linked, 'create_work_item', { item_type: 'task', title: 'No references' });
    expect(none.warnings).toEqual([]);
  } finally {
    await codebase.start();
  }
  // The restarted server has forgotten the old session: workflow-mcp must connect a new client by itself.
  const after = await ok<{ work_item: Annotated }>(linked, 'get_work_item_hierarchy', { work_item_id: item.id });
  expect(after.work_item).toMatchObject({ valid_references: refs, stale_references: [], warnings: [] });
});

test('without CODEBASE_MCP_URL references are stored as given and not annotated', async ({ client }) => {
  await freshProject(client);
  const item = await ok<Annotated>(client, 'create_work_item', { item_type: 'task', title: 'Plain', entity_references: ['a', 'b', 'a'] });
  expect(item.entity_references).toEqual(['a', 'b', 'a']);
  expect(item).not.toHaveProperty('valid_references');
  expect(item).not.toHaveProperty('warnings');
});

test('CODEBASE_MCP_URL may be a base URL or the full /mcp endpoint', () => {
  expect(codebaseEndpoint('http://127.0.0.1:8020').href).toBe('http://127.0.0.1:8020/mcp');
  expect(codebaseEndpoint('http://127.0.0.1:8020/').href).toBe('http://127.0.0.1:8020/mcp');
  expect(codebaseEndpoint('http://127.0.0.1:8020/mcp').href).toBe('http://127.0.0.1:8020/mcp');
});
