// The reference servers against servers.md's targets, from one run of the embedded stack through real MCP
// clients (streamable HTTP). Each figure is printed with its stand-in goal, the seed's target, and a ratio
// against a baseline measured in the same run on the same machine: the tool's own SQL through a bare pg pool,
// a no-op tool call, or the same HTTP server answering 404.
//   flock /tmp/bench.lock npx tsx bench/servers.ts
import { readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { queryEntities } from '../fixtures/servers/workflow-mcp/domain/entities.js';
import { workItemHierarchy } from '../fixtures/servers/workflow-mcp/domain/workItems.js';
import { searchChunks } from '../fixtures/servers/codebase-mcp/search/search.js';
import { generateLargeRepo } from '../fixtures/generators/largeRepo.js';
import { startStack, type EmbeddedStack } from '../src/servers/startStack.js';
import { runMixed } from './serversMixed.js';
import { alternating, bareDatabase, call, concurrently, connect, databaseUrl, ok, p95, printTable, QUERIES, timed } from './serversSupport.js';
import type { Figure } from './serversSupport.js';

interface Created { id: string; database_name: string }
const loadavg = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** Reading every file once: the floor any indexer pays before it chunks or writes anything. */
async function readTree(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += (await readFile(path.join(entry.parentPath, entry.name))).length;
  }
  return bytes;
}

async function indexing(codebase: Client, figures: Figure[]): Promise<string> {
  const repo = await generateLargeRepo({ files: 10_000 });
  try {
    const readMs = await timed(() => readTree(repo.dir));
    let result: { files_indexed: number; chunks_created: number; status: string; error_message: string | null } | undefined;
    let database = '';
    // The real server indexes only through background jobs, so the figure is start-to-completed, polled.
    const indexMs = await timed(async () => {
      const job = await ok<{ job_id: string; database_name: string }>(codebase, 'start_indexing_background', { repo_path: repo.dir, project_id: 'default' });
      database = job.database_name;
      do {
        await new Promise((r) => setTimeout(r, 50));
        result = await ok(codebase, 'get_indexing_status', { job_id: job.job_id, project_id: 'default' });
      } while (result?.status === 'pending' || result?.status === 'running');
    });
    if (!result || result.status !== 'completed') throw new Error(`indexing job: ${JSON.stringify(result)}`);
    figures.push({ operation: 'index 10,000 files', value: indexMs / 1000, unit: 's', goal: 10, seed: 60,
      baseline: { name: 'read all files', value: readMs / 1000 },
      note: `${result.files_indexed} files, ${result.chunks_created} chunks` });
    return database;
  } finally {
    await rm(repo.dir, { recursive: true, force: true });
  }
}

async function search(stack: EmbeddedStack, database: string, figures: Figure[]): Promise<void> {
  const sessions = await Promise.all(Array.from({ length: 10 }, () => connect(stack.server('codebase-mcp').url)));
  const db = bareDatabase(databaseUrl(stack.postgres.url, database), 10);
  try {
    const query = (w: number, i: number): string => QUERIES[(w * 37 + i) % QUERIES.length] ?? 'payment';
    await concurrently(10, 5, (w, i) => ok(sessions[w] as Client, 'search_code', { query: query(w, i), project_id: 'default' }));
    await concurrently(10, 5, (w, i) => searchChunks(db, query(w, i), { limit: 10 }));
    const [viaMcp = [], bare = [], noop = []] = await alternating(4, 10, 10, [
      (w, i) => ok(sessions[w] as Client, 'search_code', { query: query(w, i), project_id: 'default' }),
      (w, i) => searchChunks(db, query(w, i), { limit: 10 }),
      (w) => call(sessions[w] as Client, 'get_indexing_status', { job_id: 'not-a-uuid', project_id: 'default' }),
    ]);
    // The baseline must do the tool's work: same rows, same order.
    const probe = query(0, 0);
    const tool = await ok<{ results: { chunk_id: string }[] }>(sessions[0] as Client, 'search_code', { query: probe, project_id: 'default' });
    const sql = await searchChunks(db, probe, { limit: 10 });
    if (JSON.stringify(tool.results.map((r) => r.chunk_id)) !== JSON.stringify(sql.map((r) => r.chunk_id))) throw new Error('search baseline differs from the tool');
    figures.push({ operation: 'search_code p95, 10 sessions', value: p95(viaMcp), unit: 'ms', goal: 20, seed: 500,
      baseline: { name: 'same SQL via pg, 10 at once', value: p95(bare) }, floor: p95(noop), note: `${viaMcp.length} calls over ${QUERIES.length} phrases; '${probe}' → ${sql.length} results, same ids both ways` });
  } finally {
    await db.end();
    await Promise.all(sessions.map((s) => s.close()));
  }
}

async function switching(stack: EmbeddedStack, workflow: Client, figures: Figure[]): Promise<Created[]> {
  const tag = Date.now().toString(36);
  const projects: Created[] = [];
  for (let i = 0; i < 5; i++) projects.push(await ok<Created>(workflow, 'create_project', { name: `bench-${tag}-${i}` }));
  for (const p of projects) await ok(workflow, 'switch_project', { project_id: p.id });
  const idAt = (i: number): string => projects[i % projects.length]?.id ?? '';
  const registry = bareDatabase(databaseUrl(stack.postgres.url, 'workflow_registry'), 1);
  try {
    // The baseline is the statement switch_project runs. Each block of 20 ends on the id the server holds, so the
    // server's cached active project stays true.
    const [viaMcp = [], bare = [], noop = []] = await alternating(10, 1, 20, [
      (_, i) => ok(workflow, 'switch_project', { project_id: idAt(i) }),
      (_, i) => registry.query('UPDATE active_project SET project_id = $1, updated_at = now() WHERE singleton', [idAt(i)]),
      () => ok(workflow, 'get_active_project'),
    ]);
    figures.push({ operation: 'switch_project p95, 5 projects', value: p95(viaMcp), unit: 'ms', goal: 5, seed: 50,
      baseline: { name: 'its UPDATE via pg', value: p95(bare) }, floor: p95(noop), note: '200 switches (10 rounds of 20) over 5 projects' });
  } finally {
    await registry.end();
  }
  await ok(workflow, 'switch_project', { project_id: idAt(0) });
  return projects;
}

async function entities(stack: EmbeddedStack, project: Created, workflow: Client, figures: Figure[]): Promise<void> {
  await ok(workflow, 'register_entity_type', { type_name: 'bench_service', schema: {
    type: 'object', required: ['team', 'tier'],
    properties: { team: { type: 'string' }, tier: { type: 'integer' }, n: { type: 'integer' } },
  } });
  const writers = await Promise.all(Array.from({ length: 10 }, () => connect(stack.server('workflow-mcp').url)));
  try {
    await concurrently(10, 100, (w, i) => ok(writers[w] as Client, 'create_entity', {
      entity_type: 'bench_service', name: `svc-${w}-${i}`, data: { team: `team${i % 10}`, tier: (w + i) % 5, n: w * 100 + i }, tags: [`t${i % 4}`],
    }));
  } finally {
    await Promise.all(writers.map((s) => s.close()));
  }
  const query = { entity_type: 'bench_service', filter: { team: 'team3' } };
  const db = bareDatabase(databaseUrl(stack.postgres.url, project.database_name), 1);
  try {
    await concurrently(1, 10, () => ok(workflow, 'query_entities', query));
    await concurrently(1, 10, () => queryEntities(db, query));
    const [viaMcp = [], bare = [], noop = []] = await alternating(10, 1, 20, [
      () => ok(workflow, 'query_entities', query), () => queryEntities(db, query), () => ok(workflow, 'get_active_project'),
    ]);
    const rows = (await queryEntities(db, query)).length;
    const { count } = await ok<{ count: number }>(workflow, 'query_entities', query);
    if (count !== rows) throw new Error(`query_entities baseline differs from the tool: ${count} vs ${rows} rows`);
    figures.push({ operation: 'query_entities p95, 1,000 entities', value: p95(viaMcp), unit: 'ms', goal: 10, seed: 100,
      baseline: { name: 'same SQL via pg', value: p95(bare) }, floor: p95(noop), note: `JSONB filter {team: team3} → ${rows} entities per call, same count both ways` });
  } finally {
    await db.end();
  }
}

/** A five-level tree (project → session → task → research → subtask, two children each); returns the task ids. */
async function hierarchy(stack: EmbeddedStack, project: Created, workflow: Client, figures: Figure[]): Promise<string[]> {
  const types = ['project', 'session', 'task', 'research', 'subtask'];
  let level: (string | undefined)[] = [undefined];
  const byDepth: string[][] = [];
  for (const [depth, itemType] of types.entries()) {
    const next: string[] = [];
    for (const parent of level) {
      for (let k = 0; k < (depth === 0 ? 1 : 2); k++) {
        next.push((await ok<{ id: string }>(workflow, 'create_work_item', { item_type: itemType, title: `${itemType} ${next.length}`, parent_id: parent })).id);
      }
    }
    byDepth.push(next);
    level = next;
  }
  const target = byDepth[2]?.[0] ?? '';
  const db = bareDatabase(databaseUrl(stack.postgres.url, project.database_name), 1);
  try {
    await concurrently(1, 10, () => ok(workflow, 'get_work_item_hierarchy', { work_item_id: target }));
    await concurrently(1, 10, () => workItemHierarchy(db, target));
    const [viaMcp = [], bare = [], noop = []] = await alternating(10, 1, 20, [
      () => ok(workflow, 'get_work_item_hierarchy', { work_item_id: target }), () => workItemHierarchy(db, target),
      () => ok(workflow, 'get_active_project'),
    ]);
    figures.push({ operation: 'get_work_item_hierarchy p95, 5 levels', value: p95(viaMcp), unit: 'ms', goal: 3, seed: 10,
      baseline: { name: 'same SQL via pg', value: p95(bare) }, floor: p95(noop), note: 'a depth-2 task of a 31-item tree: 2 ancestors, 6 descendants' });
  } finally {
    await db.end();
  }
  return byDepth[2] ?? [];
}

async function health(stack: EmbeddedStack, figures: Figure[]): Promise<void> {
  for (const name of ['codebase-mcp', 'workflow-mcp'] as const) {
    const base = stack.server(name).url;
    const get = async (p: string): Promise<void> => { await (await fetch(`${base}${p}`)).arrayBuffer(); };
    await concurrently(1, 20, () => get('/health'));
    await concurrently(1, 20, () => get('/nothing-here'));
    const [viaHealth = [], notFound = []] = await alternating(10, 1, 20, [() => get('/health'), () => get('/nothing-here')]);
    figures.push({ operation: `${name} GET /health p95`, value: p95(viaHealth), unit: 'ms', goal: 5, seed: 50,
      baseline: { name: 'same server, 404 path', value: p95(notFound) } });
  }
}

export async function main(): Promise<void> {
  const began = performance.now();
  const loadBefore = loadavg();
  const figures: Figure[] = [];
  const stack = await startStack();
  figures.push({ operation: 'stack start-up (PostgreSQL + both servers)', value: stack.timings.totalMs, unit: 'ms', goal: 2000,
    baseline: { name: 'PostgreSQL alone', value: stack.timings.postgresMs }, note: 'one cold-ish start; bench/stack.ts gives the median of several' });
  const codebase = await connect(stack.server('codebase-mcp').url);
  const workflow = await connect(stack.server('workflow-mcp').url);
  try {
    const step = (what: string): void => { process.stderr.write(`[bench] ${what} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`); };
    step('indexing 10,000 files');
    const codeDb = await indexing(codebase, figures);
    step('search at 10 sessions');
    await search(stack, codeDb, figures);
    step('switch_project');
    const projects = await switching(stack, workflow, figures);
    const project = projects[0];
    if (!project) throw new Error('no project');
    step('1,000 entities');
    await entities(stack, project, workflow, figures);
    step('hierarchy');
    const tasks = await hierarchy(stack, project, workflow, figures);
    step('50 sessions');
    figures.push(...await runMixed(stack, tasks));
    step('/health');
    await health(stack, figures);
  } finally {
    await codebase.close();
    await workflow.close();
    await stack.stop();
  }
  console.log(`reference servers vs servers.md targets: one run, ${((performance.now() - began) / 1000).toFixed(0)} s, `
    + `${os.cpus().length} cores, load average before ${loadBefore}, after ${loadavg()}`);
  printTable(figures);
  console.log('× no-op call: the same figure over a no-op tool call on the same server at the same concurrency, measured alternately with it '
    + '(get_active_project; get_indexing_status rejecting a malformed id): what the tool adds to the MCP round trip.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
