// Every workflow-mcp tool through a real MCP client (streamable HTTP): results and the exact error texts.
import { test, expect } from './workflowFixtures.js';
import { fails, freshProject, ok } from './workflowSupport.js';

interface Item { id: string; path: string; depth: number; parent_id: string | null; status: string; version: number; completed_at: string | null; entity_references: string[]; title: string }

test('projects: create, list with paging, switch by id or name, get the active one, and their errors', async ({ client }) => {
  const a = await ok<{ id: string; name: string; database_name: string; metadata: unknown }>(client, 'create_project',
    { name: `Alpha Team ${Date.now()}!`, description: 'first', metadata: { owner: 'qa' } });
  expect(a.database_name).toMatch(new RegExp(`^wf_proj_alphateam\\d+_${a.id.replace(/-/g, '').slice(0, 8)}$`));
  expect(a.metadata).toEqual({ owner: 'qa' });
  const b = await freshProject(client, 'beta');
  expect(await ok(client, 'get_active_project')).toMatchObject({ id: b.id, name: b.name });
  const switched = await ok<{ id: string; previous_project_id: string | null }>(client, 'switch_project', { project_id: a.name });
  expect(switched).toMatchObject({ id: a.id, previous_project_id: b.id });
  const page = await ok<{ projects: { id: string }[]; total: number; limit: number; offset: number }>(client, 'list_projects', { limit: 1, offset: 0 });
  expect(page.projects).toHaveLength(1);
  expect(page.total).toBeGreaterThanOrEqual(2);
  expect(page).toMatchObject({ limit: 1, offset: 0 });

  expect(await fails(client, 'switch_project', { project_id: '00000000-0000-4000-8000-000000000000' }))
    .toBe(`Error calling tool 'switch_project': Project not found: 00000000-0000-4000-8000-000000000000`);
  expect(await fails(client, 'create_project', { name: a.name })).toBe(`Error calling tool 'create_project': Project with name '${a.name}' already exists`);
  expect(await fails(client, 'create_project', { name: '  ' })).toBe(`Error calling tool 'create_project': Project name cannot be empty`);
  expect(await fails(client, 'list_projects', { limit: 0 })).toBe(`Error calling tool 'list_projects': Limit must be between 1 and 100, got 0`);
});

test('work items: a five-level hierarchy with materialised paths, descendants and completed_at', async ({ client }) => {
  await freshProject(client);
  const chain: Item[] = [await ok<Item>(client, 'create_work_item', { item_type: 'project', title: 'Level 0', description: 'root' })];
  for (const [i, type] of (['session', 'task', 'research', 'subtask'] as const).entries()) {
    chain.push(await ok<Item>(client, 'create_work_item', { item_type: type, title: `Level ${i + 1}`, parent_id: chain[i]!.id }));
  }
  const leaf = chain[4]!;
  expect(leaf.depth).toBe(4);
  expect(leaf.path).toBe(`/${chain.map((c) => c.id).join('/')}`);
  expect(leaf).toMatchObject({ status: 'planned', version: 1, completed_at: null, entity_references: [] });

  const h = await ok<{ work_item: Item; ancestors: Item[]; children: Item[]; descendants: Item[] }>(client, 'get_work_item_hierarchy', { work_item_id: chain[2]!.id });
  expect(h.work_item.id).toBe(chain[2]!.id);
  expect(h.ancestors.map((i) => i.id)).toEqual([chain[0]!.id, chain[1]!.id]);
  expect(h.children.map((i) => i.id)).toEqual([chain[3]!.id]);
  expect(h.descendants.map((i) => i.id)).toEqual([chain[3]!.id, leaf.id]);

  const direct = await ok<{ work_items: Item[]; count: number }>(client, 'query_work_items', { parent_id: chain[0]!.id });
  expect(direct.work_items.map((i) => i.id)).toEqual([chain[1]!.id]);
  const all = await ok<{ work_items: Item[]; count: number }>(client, 'query_work_items', { parent_id: chain[0]!.id, include_descendants: true });
  expect(all.count).toBe(4);
  expect((await ok<{ count: number }>(client, 'query_work_items', { item_type: 'subtask' })).count).toBe(1);

  const done = await ok<Item>(client, 'update_work_item', { work_item_id: leaf.id, status: 'completed', title: 'Leaf done', entity_references: ['x'] });
  expect(done).toMatchObject({ status: 'completed', title: 'Leaf done', version: 2, entity_references: ['x'] });
  expect(Date.parse(done.completed_at ?? '')).not.toBeNaN();
  expect((await ok<{ work_items: Item[] }>(client, 'query_work_items', { status: 'completed' })).work_items.map((i) => i.id)).toEqual([leaf.id]);
  const reopened = await ok<Item>(client, 'update_work_item', { work_item_id: leaf.id, status: 'active' });
  expect(reopened.completed_at).toBeNull();

  expect(await fails(client, 'create_work_item', { item_type: 'task', title: 'too deep', parent_id: leaf.id }))
    .toMatch(/^Error calling tool 'create_work_item': Depth limit exceeded: /);
});

test('work items: the listed error texts', async ({ client }) => {
  await freshProject(client);
  const missing = '11111111-2222-4333-8444-555555555555';
  expect(await fails(client, 'create_work_item', { item_type: 'task', title: '' })).toBe(`Error calling tool 'create_work_item': Work item title cannot be empty`);
  expect(await fails(client, 'create_work_item', { item_type: 'epic', title: 'x' }))
    .toBe(`Error calling tool 'create_work_item': Invalid item_type: epic. Must be one of ['project', 'session', 'task', 'research', 'subtask']`);
  expect(await fails(client, 'create_work_item', { item_type: 'task', title: 'x', status: 'done' }))
    .toBe(`Error calling tool 'create_work_item': Invalid status: done. Must be one of ['planned', 'active', 'completed', 'blocked']`);
  expect(await fails(client, 'create_work_item', { item_type: 'task', title: 'x', parent_id: missing }))
    .toBe(`Error calling tool 'create_work_item': Parent work item not found: ${missing}`);
  expect(await fails(client, 'update_work_item', { work_item_id: missing, title: 'y' })).toBe(`Error calling tool 'update_work_item': Work item not found: ${missing}`);
  expect(await fails(client, 'get_work_item_hierarchy', { work_item_id: 'not-a-uuid' })).toBe(`Error calling tool 'get_work_item_hierarchy': Work item not found: not-a-uuid`);
  expect(await fails(client, 'query_work_items', { parent_id: missing })).toBe(`Error calling tool 'query_work_items': Work item not found: ${missing}`);
});

test('dependencies: blocked list, cycle rejection; delete needs confirmation and takes the subtree', async ({ client }) => {
  await freshProject(client);
  const a = await ok<Item>(client, 'create_work_item', { item_type: 'task', title: 'A' });
  const b = await ok<Item>(client, 'create_work_item', { item_type: 'task', title: 'B' });
  const c = await ok<Item>(client, 'create_work_item', { item_type: 'task', title: 'C' });
  const dep = await ok(client, 'add_work_item_dependency', { work_item_id: b.id, depends_on_id: a.id, dependency_type: 'blocks' });
  expect(dep).toMatchObject({ work_item_id: b.id, depends_on_id: a.id, dependency_type: 'blocks' });
  await ok(client, 'add_work_item_dependency', { work_item_id: c.id, depends_on_id: b.id, dependency_type: 'blocks' });
  expect(await fails(client, 'add_work_item_dependency', { work_item_id: a.id, depends_on_id: c.id, dependency_type: 'blocks' }))
    .toMatch(/^Error calling tool 'add_work_item_dependency': Circular dependency detected: /);
  expect(await fails(client, 'add_work_item_dependency', { work_item_id: a.id, depends_on_id: a.id, dependency_type: 'blocks' }))
    .toBe(`Error calling tool 'add_work_item_dependency': Work item cannot depend on itself: ${a.id}`);
  expect(await fails(client, 'add_work_item_dependency', { work_item_id: a.id, depends_on_id: b.id, dependency_type: 'needs' }))
    .toBe(`Error calling tool 'add_work_item_dependency': Invalid dependency_type: needs. Must be one of ['blocks', 'relates_to', 'duplicates']`);

  const blocked = await ok<{ work_items: (Item & { blocked_by: { id: string }[] })[]; count: number }>(client, 'list_blocked_work_items');
  expect(blocked.work_items.map((i) => [i.title, i.blocked_by.map((x) => x.id)])).toEqual([['B', [a.id]], ['C', [b.id]]]);
  await ok(client, 'update_work_item', { work_item_id: a.id, status: 'completed' });
  expect((await ok<{ work_items: Item[] }>(client, 'list_blocked_work_items')).work_items.map((i) => i.title)).toEqual(['C']);

  const child = await ok<Item>(client, 'create_work_item', { item_type: 'subtask', title: 'child', parent_id: c.id });
  expect(await fails(client, 'delete_work_item', { work_item_id: c.id })).toBe(`Error calling tool 'delete_work_item': Deletion of work item ${c.id} requires confirmed=true`);
  expect(await ok(client, 'delete_work_item', { work_item_id: c.id, confirmed: true })).toEqual({ work_item_id: c.id, deleted: true, deleted_count: 2 });
  expect(await fails(client, 'get_work_item_hierarchy', { work_item_id: child.id })).toBe(`Error calling tool 'get_work_item_hierarchy': Work item not found: ${child.id}`);
});

test('entities: schema-validated data, JSONB containment and tag filters, optimistic locking, soft delete, schema updates', async ({ client }) => {
  await freshProject(client);
  const schema = { type: 'object', properties: { status: { enum: ['active', 'broken'] }, tier: { type: 'integer' } }, required: ['status'] };
  expect(await ok(client, 'register_entity_type', { type_name: 'vendor', schema, description: 'Vendors' })).toMatchObject({ type_name: 'vendor', version: 1 });
  expect(await fails(client, 'register_entity_type', { type_name: 'vendor', schema })).toBe(`Error calling tool 'register_entity_type': Entity type already exists: vendor`);
  expect(await fails(client, 'register_entity_type', { type_name: 'bad', schema: { type: 'nonsense' } })).toMatch(/^Error calling tool 'register_entity_type': Invalid JSON Schema for entity type 'bad': /);

  const v1 = await ok<{ id: string; version: number }>(client, 'create_entity', { entity_type: 'vendor', name: 'Acme', data: { status: 'active', tier: 1 }, tags: ['eu', 'gold'] });
  expect(v1.version).toBe(1);
  await ok(client, 'create_entity', { entity_type: 'vendor', name: 'Bolt', data: { status: 'broken', tier: 2 }, tags: ['eu'] });
  expect(await fails(client, 'create_entity', { entity_type: 'vendor', name: 'Bad', data: { tier: 'x' } }))
    .toMatch(/^Error calling tool 'create_entity': Entity data does not match schema for type 'vendor': .*status/);
  expect(await fails(client, 'create_entity', { entity_type: 'ghost', name: 'x', data: {} })).toBe(`Error calling tool 'create_entity': Entity type not found: ghost`);

  const names = async (args: Record<string, unknown>) => (await ok<{ entities: { name: string }[]; count: number }>(client, 'query_entities', args)).entities.map((e) => e.name);
  expect(await names({ entity_type: 'vendor' })).toEqual(['Acme', 'Bolt']);
  expect(await names({ filter: { status: 'active' } })).toEqual(['Acme']);
  expect(await names({ tags: ['eu', 'gold'] })).toEqual(['Acme']);
  expect(await names({ filter: { tier: 2 }, tags: ['eu'] })).toEqual(['Bolt']);

  const updated = await ok<{ version: number; data: unknown }>(client, 'update_entity', { entity_id: v1.id, data: { status: 'broken', tier: 3 }, current_version: 1 });
  expect(updated).toMatchObject({ version: 2, data: { status: 'broken', tier: 3 } });
  expect(await fails(client, 'update_entity', { entity_id: v1.id, data: { status: 'active' }, current_version: 1 }))
    .toBe(`Error calling tool 'update_entity': Entity was modified by another client (expected version 1, current version 2)`);

  expect(await fails(client, 'update_entity_type_schema', { type_name: 'vendor', new_schema: { ...schema, required: ['status', 'region'] } }))
    .toMatch(/^Error calling tool 'update_entity_type_schema': Schema update rejected: 2 of 2 existing entities of type 'vendor' do not match the new schema/);
  expect(await ok(client, 'update_entity_type_schema', { type_name: 'vendor', new_schema: { ...schema, required: ['status', 'region'] }, validate_existing: false }))
    .toMatchObject({ version: 2, validated_entities: 0 });
  expect(await ok(client, 'update_entity_type_schema', { type_name: 'vendor', new_schema: schema, validate_existing: true }))
    .toMatchObject({ version: 3, validated_entities: 2 });

  expect(await fails(client, 'delete_entity', { entity_id: v1.id })).toBe(`Error calling tool 'delete_entity': Deletion of entity ${v1.id} requires confirmed=true`);
  expect(await ok(client, 'delete_entity', { entity_id: v1.id, confirmed: true })).toMatchObject({ entity_id: v1.id, deleted: true });
  expect(await names({ entity_type: 'vendor' })).toEqual(['Bolt']);
  expect(await names({ entity_type: 'vendor', include_deleted: true })).toEqual(['Acme', 'Bolt']);
  expect(await fails(client, 'update_entity', { entity_id: v1.id, data: { status: 'active' }, current_version: 2 })).toBe(`Error calling tool 'update_entity': Entity not found: ${v1.id}`);
});

test('deployments: record with work items, list by environment with paging, get one', async ({ client }) => {
  await freshProject(client);
  const item = await ok<Item>(client, 'create_work_item', { item_type: 'task', title: 'Ship it' });
  const d1 = await ok<{ id: string; work_item_ids: string[]; status: string }>(client, 'record_deployment', {
    commit_sha: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0', branch: 'main', environment: 'staging', commit_message: 'feat: x',
    author_name: 'Dev', author_email: 'dev@example.com', deployed_at: '2026-01-01T10:00:00Z', metadata: { build: 7 }, work_item_ids: [item.id],
  });
  expect(d1).toMatchObject({ status: 'deployed', work_item_ids: [item.id] });
  await ok(client, 'record_deployment', { commit_sha: 'abcdef1', branch: 'main', environment: 'production', status: 'pending', deployed_at: '2026-01-02T10:00:00Z' });
  const list = await ok<{ deployments: { id: string }[]; total: number; limit: number; offset: number }>(client, 'list_deployments', { environment: 'staging' });
  expect(list).toMatchObject({ total: 1, limit: 20, offset: 0 });
  expect(list.deployments.map((d) => d.id)).toEqual([d1.id]);
  expect((await ok<{ total: number; deployments: unknown[] }>(client, 'list_deployments', { limit: 1 }))).toMatchObject({ total: 2, deployments: [expect.anything()] });
  expect(await ok(client, 'get_deployment', { deployment_id: d1.id })).toMatchObject({ id: d1.id, commit_message: 'feat: x', metadata: { build: 7 } });

  expect(await fails(client, 'record_deployment', { commit_sha: 'abcdef1', branch: 'main', environment: 'qa' }))
    .toBe(`Error calling tool 'record_deployment': Invalid environment: qa. Must be one of ['production', 'staging', 'dev']`);
  expect(await fails(client, 'record_deployment', { commit_sha: 'abcdef1', branch: 'main', environment: 'dev', status: 'done' }))
    .toBe(`Error calling tool 'record_deployment': Invalid status: done. Must be one of ['pending', 'deployed', 'failed', 'rolled_back']`);
  const ghost = '99999999-2222-4333-8444-555555555555';
  expect(await fails(client, 'record_deployment', { commit_sha: 'abcdef1', branch: 'main', environment: 'dev', work_item_ids: [ghost] }))
    .toBe(`Error calling tool 'record_deployment': Work item not found: ${ghost}`);
  expect(await fails(client, 'get_deployment', { deployment_id: ghost })).toBe(`Error calling tool 'get_deployment': Deployment not found: ${ghost}`);
});

test('project isolation: work items, entities and deployments of project A are invisible in project B', async ({ client }) => {
  const a = await freshProject(client, 'iso-a');
  const itemA = await ok<Item>(client, 'create_work_item', { item_type: 'task', title: 'only in A' });
  await ok(client, 'register_entity_type', { type_name: 'thing', schema: { type: 'object' } });
  await ok(client, 'create_entity', { entity_type: 'thing', name: 'A thing', data: {} });
  await ok(client, 'record_deployment', { commit_sha: 'abcdef1', branch: 'main', environment: 'dev' });
  const b = await freshProject(client, 'iso-b');
  expect(b.database_name).not.toBe(a.database_name);
  expect(await ok(client, 'query_work_items')).toEqual({ work_items: [], count: 0 });
  expect(await ok(client, 'query_entities')).toEqual({ entities: [], count: 0 });
  expect(await ok(client, 'list_deployments')).toMatchObject({ deployments: [], total: 0 });
  expect(await fails(client, 'get_work_item_hierarchy', { work_item_id: itemA.id })).toBe(`Error calling tool 'get_work_item_hierarchy': Work item not found: ${itemA.id}`);
  await ok(client, 'switch_project', { project_id: a.id });
  expect((await ok<{ work_items: Item[] }>(client, 'query_work_items')).work_items.map((i) => i.id)).toEqual([itemA.id]);
});

test('health_check reports the registry, the active project database, the tool catalogue and the process', async ({ client }) => {
  const project = await freshProject(client);
  const health = await ok<{ status: string; database: { registry: { status: string }; active_project: { status: string; project_id: string } }; tools: { count: number; categories: Record<string, string[]> }; metrics: { requests_total: number }; system: { pid: number } }>(client, 'health_check');
  expect(health.status).toBe('healthy');
  expect(health.database.registry.status).toBe('connected');
  expect(health.database.active_project).toMatchObject({ status: 'connected', project_id: project.id, database: project.database_name });
  expect(health.tools.count).toBe(21);
  expect(Object.keys(health.tools.categories)).toEqual(['project', 'work_item', 'entity', 'deployment', 'health']);
  expect(health.metrics.requests_total).toBeGreaterThan(0);
  expect(health.system.pid).toBeGreaterThan(0);
});
