// codebase-mcp through a real MCP client (streamable HTTP): every tool's success path and error text, search
// quality and filters on the storefront fixture, .gitignore handling, chunk-id regeneration, project tiers.
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import type { RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { callError, callJson, connectHttp, eventually, startReference } from '../support/servers.js';
import type { ReferenceProcess } from '../support/servers.js';
import { copyRepo } from './codebaseSupport.js';
import { EXTENSIONS } from './codebaseSupport.js';
import type { ChunksResult, IndexResult, JobStatus, SearchResult } from './codebaseSupport.js';

test.describe.configure({ mode: 'serial' });

let pg: RunningPostgres;
let server: ReferenceProcess;
let client: Client;
let repo: { dir: string; dispose(): Promise<void> };
const prefix = (tool: string) => `Error calling tool '${tool}': `;
const pydantic = (message: string, input: string) => `1 validation error for IndexingJobCreate\nrepo_path\n  Value error, ${message} `
  + `[type=value_error, input_value='${input}', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.11/v/value_error`;
const PYTHON_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pg = await startPostgres();
  server = await startReference('codebase-mcp', { databaseUrl: pg.url(), env: EXTENSIONS });
  client = await connectHttp(server);
  repo = await copyRepo();
});

test.afterAll(async () => {
  await client?.close();
  await server?.stop();
  await pg?.stop();
  await repo?.dispose();
});

test('with CODEBASE_MCP_EXTENSIONS the extensions join the four real tools, each described and marked as an extension', async () => {
  expect(client.getServerVersion()?.name).toBe('codebase-mcp');
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(['search_code', 'start_indexing_background', 'get_indexing_status', 'set_working_directory',
    'index_repository', 'get_code_chunks']);
  for (const tool of tools) expect(tool.description, tool.name).toBeTruthy();
  for (const name of ['index_repository', 'get_code_chunks']) {
    expect(tools.find((t) => t.name === name)?.description).toMatch(/^Stand-in extension/);
  }
});

test('index_repository indexes the storefront; search finds what a user would look for', async () => {
  const indexed = await callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir });
  expect(indexed).toMatchObject({ status: 'success', project_id: 'default', database_name: 'cb_proj_default_00000000' });
  // The real server's counts for this fixture (servers.md, "as measured").
  expect(indexed).toMatchObject({ files_indexed: 50, chunks_created: 62 });
  expect(indexed.chunks_created).toBeGreaterThan(indexed.files_indexed);
  expect(indexed.repository_id).toMatch(/^[0-9a-f-]{36}$/);

  const auth = await callJson<SearchResult>(client, 'search_code', { query: 'authenticate user password' });
  expect(auth.results[0]?.file_path).toBe('src/auth/authService.ts');
  expect(auth.results[0]?.content).toContain('authenticateUser');
  expect(auth.total_count).toBe(auth.results.length);
  expect(auth.results.length).toBeLessThanOrEqual(10);
  expect(Number.isInteger(auth.latency_ms)).toBe(true);
  const scores = auth.results.map((r) => r.similarity_score);
  expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);

  const refund = await callJson<SearchResult>(client, 'search_code', { query: 'refund payment', limit: 3 });
  expect(refund.results).toHaveLength(3);
  expect(refund.results.map((r) => r.file_path)).toContain('src/payments/refunds.ts');
  const hit = refund.results.find((r) => r.file_path === 'src/payments/refunds.ts')!;
  expect(hit.end_line).toBeGreaterThanOrEqual(hit.start_line);
  expect(typeof hit.context_before).toBe('string');
  expect(typeof hit.context_after).toBe('string');
});

test('search filters: file_type, directory, repository_id, limit', async () => {
  const py = await callJson<SearchResult>(client, 'search_code', { query: 'invoice tax email', file_type: 'py', limit: 50 });
  expect(py.results.length).toBeGreaterThan(0);
  expect(py.results.every((r) => r.file_path.endsWith('.py'))).toBe(true);
  const billing = await callJson<SearchResult>(client, 'search_code', { query: 'invoice tax', directory: 'workers/billing' });
  expect(billing.results.length).toBeGreaterThan(0);
  expect(billing.results.every((r) => r.file_path.startsWith('workers/billing/'))).toBe(true);
  const absolute = await callJson<SearchResult>(client, 'search_code', { query: 'invoice tax', directory: join(repo.dir, 'workers/billing') });
  expect(absolute.results.map((r) => r.chunk_id)).toEqual(billing.results.map((r) => r.chunk_id));
  const other = await callJson<SearchResult>(client, 'search_code', { query: 'refund', repository_id: '6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21' });
  expect(other.results).toEqual([]);
  const one = await callJson<SearchResult>(client, 'search_code', { query: 'refund', limit: 1 });
  expect(one.results).toHaveLength(1);
  const fifty = await callJson<SearchResult>(client, 'search_code', { query: 'order', limit: 50 });
  expect(fifty.results.length).toBeGreaterThan(10);
});

test('every error text', async () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['search_code', { query: '' }, 'Search query cannot be empty'],
    ['search_code', { query: '   ' }, 'Search query cannot be empty'],
    ['search_code', { query: 'x', limit: 0 }, 'Limit must be between 1 and 50, got 0'],
    ['search_code', { query: 'x', limit: 51 }, 'Limit must be between 1 and 50, got 51'],
    ['search_code', { query: 'x', repository_id: 'not-a-uuid' }, 'Invalid repository_id format: not-a-uuid'],
    ['search_code', { query: 'x', file_type: '.py' }, "file_type should not include leading dot (use 'py' not '.py')"],
    ['index_repository', { repo_path: 'relative/dir' }, 'Repository path must be absolute: relative/dir'],
    ['index_repository', { repo_path: '/nonexistent/repo' }, 'Repository path does not exist: /nonexistent/repo'],
    ['index_repository', { repo_path: '/tmp/../etc' }, 'Path traversal detected in repo_path: /tmp/../etc'],
    ['start_indexing_background', { repo_path: 'relative/dir' }, pydantic('repo_path must be absolute, got: relative/dir', 'relative/dir')],
    ['start_indexing_background', { repo_path: '/tmp/../etc' }, pydantic('Path traversal detected in repo_path: /tmp/../etc', '/tmp/../etc')],
    ['get_indexing_status', { job_id: 'nope' }, 'Invalid job_id format: nope'],
    ['get_indexing_status', { job_id: '11111111-1111-4111-8111-111111111111' }, 'Job not found: 11111111-1111-4111-8111-111111111111'],
    ['set_working_directory', { directory: 'relative' }, 'Directory path must be absolute: relative'],
    ['set_working_directory', { directory: '/nonexistent/dir' }, 'Directory does not exist: /nonexistent/dir'],
  ];
  for (const [tool, args, message] of cases) {
    expect(await callError(client, tool, args), `${tool} ${JSON.stringify(args)}`).toBe(`${prefix(tool)}${message}`);
  }
  expect(await callError(client, 'search_code', { query: 'x', project_id: 'no-such-project' }))
    .toBe("Error calling tool 'search_code': Project 'no-such-project' not found in registry. To create this project:\n"
      + "1. Add .codebase-mcp/config.json with project.id = 'no-such-project'\n2. Call set_working_directory() to enable auto-creation");
});

test('.gitignore, node_modules, .git and binaries are not indexed', async () => {
  const marker = 'zebracornmarker';
  await mkdir(join(repo.dir, 'tmp'), { recursive: true });
  await writeFile(join(repo.dir, 'tmp', 'scratch.ts'), `export const ${marker} = 1;\n`);
  await mkdir(join(repo.dir, 'node_modules', 'lib'), { recursive: true });
  await writeFile(join(repo.dir, 'node_modules', 'lib', 'index.js'), `module.exports = '${marker}';\n`);
  await mkdir(join(repo.dir, '.git'), { recursive: true });
  await writeFile(join(repo.dir, '.git', 'config'), `[core] ${marker}\n`);
  await writeFile(join(repo.dir, 'logo.png'), `${marker}\n`);
  await writeFile(join(repo.dir, 'src', 'blob.dat2'), Buffer.concat([Buffer.from(marker), Buffer.from([0, 1, 2, 0])]));
  await writeFile(join(repo.dir, 'src', 'visible.ts'), `export const ${marker}Visible = '${marker}';\n`);
  await callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir });
  const found = await callJson<SearchResult>(client, 'search_code', { query: marker, limit: 50 });
  expect(found.results.map((r) => r.file_path)).toEqual(['src/visible.ts']);
  await rm(join(repo.dir, 'src', 'visible.ts'));
});

test('chunk ids: unchanged files keep them, a changed file gets new ones, force_reindex renews all, deleted files vanish', async () => {
  const query = { query: 'refund payment captured amount', limit: 50 };
  const before = await callJson<SearchResult>(client, 'search_code', query);
  const refundIds = before.results.filter((r) => r.file_path === 'src/payments/refunds.ts').map((r) => r.chunk_id);
  const otherIds = before.results.filter((r) => r.file_path !== 'src/payments/refunds.ts').map((r) => r.chunk_id);
  expect(refundIds.length).toBeGreaterThan(0);
  expect(otherIds.length).toBeGreaterThan(0);
  for (const id of [...refundIds, ...otherIds]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  const again = await callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir });
  expect(again.files_indexed).toBe(0);
  expect(again.chunks_created).toBe(0);
  const unchanged = await callJson<ChunksResult>(client, 'get_code_chunks', { chunk_ids: [...refundIds, ...otherIds] });
  expect(unchanged.missing).toEqual([]);
  expect(unchanged.chunks.map((c) => c.chunk_id)).toEqual([...refundIds, ...otherIds]);

  await appendFile(join(repo.dir, 'src/payments/refunds.ts'), '\n// refunds are audited monthly\n');
  const changed = await callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir });
  expect(changed.files_indexed).toBe(1);
  const afterChange = await callJson<ChunksResult>(client, 'get_code_chunks', { chunk_ids: [...refundIds, ...otherIds] });
  expect(afterChange.missing.sort()).toEqual([...refundIds].sort());
  expect(afterChange.chunks.map((c) => c.chunk_id)).toEqual(otherIds);
  const renewed = await callJson<SearchResult>(client, 'search_code', query);
  const newRefundIds = renewed.results.filter((r) => r.file_path === 'src/payments/refunds.ts').map((r) => r.chunk_id);
  expect(newRefundIds.length).toBe(refundIds.length);
  expect(newRefundIds.some((id) => refundIds.includes(id))).toBe(false);

  const forced = await callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir, force_reindex: true });
  expect(forced.files_indexed).toBeGreaterThanOrEqual(30);
  const afterForce = await callJson<ChunksResult>(client, 'get_code_chunks', { chunk_ids: [...newRefundIds, ...otherIds] });
  expect(afterForce.chunks).toEqual([]);
  expect(afterForce.missing).toHaveLength(newRefundIds.length + otherIds.length);

  await rm(join(repo.dir, 'src/payments/refunds.ts'));
  const pruned = await callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir });
  expect(pruned.files_deleted).toBe(1);
  const gone = await callJson<SearchResult>(client, 'search_code', query);
  expect(gone.results.map((r) => r.file_path)).not.toContain('src/payments/refunds.ts');
});

test('get_code_chunks lists malformed and unknown ids as missing', async () => {
  const hit = (await callJson<SearchResult>(client, 'search_code', { query: 'reserve stock', limit: 1 })).results[0]!;
  const unknown = '22222222-2222-4222-8222-222222222222';
  const result = await callJson<ChunksResult>(client, 'get_code_chunks', { chunk_ids: [hit.chunk_id, 'garbage', unknown] });
  expect(result.chunks).toEqual([{ ...hit, similarity_score: 1 }]);
  expect(result.missing).toEqual(['garbage', unknown]);
});

test('background indexing: pending at once, then completed with counts', async () => {
  const fresh = await copyRepo();
  try {
    const started = await callJson<{ job_id: string; status: string; message: string; force_reindex: boolean; project_id: string; database_name: string }>(
      client, 'start_indexing_background', { repo_path: fresh.dir, force_reindex: true });
    expect(started).toMatchObject({ status: 'pending', message: 'Indexing job started', force_reindex: true, database_name: 'cb_proj_default_00000000' });
    const done = await eventually(async () => {
      const s = await callJson<JobStatus>(client, 'get_indexing_status', { job_id: started.job_id });
      return s.status === 'completed' || s.status === 'failed' ? s : undefined;
    });
    expect(done).toMatchObject({ job_id: started.job_id, status: 'completed', repo_path: fresh.dir, force_reindex: true, error_message: null, project_id: 'default',
      files_indexed: 50, chunks_created: 62, status_message: 'Full repository index completed: 50 files, 62 chunks' });
    for (const t of [done.created_at, done.started_at, done.completed_at]) expect(t).toMatch(PYTHON_ISO);
    // A missing directory is accepted as a job, which then fails.
    const missing = await callJson<{ job_id: string; status: string }>(client, 'start_indexing_background', { repo_path: '/nonexistent/repo' });
    expect(missing.status).toBe('pending');
    const failed = await eventually(async () => {
      const s = await callJson<JobStatus>(client, 'get_indexing_status', { job_id: missing.job_id });
      return s.status === 'completed' || s.status === 'failed' ? s : undefined;
    });
    expect(failed).toMatchObject({ status: 'failed', error_message: 'Repository path does not exist: /nonexistent/repo' });
  } finally {
    await fresh.dispose();
  }
});

test('projects: working-directory config selects (and creates) a project; projects are isolated', async () => {
  const alpha = await copyRepo();
  const session = await connectHttp(server);
  try {
    await writeFile(join(alpha.dir, '.codebase-mcp', 'config.json'), JSON.stringify({ version: '1.0', project: { name: 'Alpha-Team' } }));
    type WorkingDirectory = { session_id: string; working_directory: string; config_found: boolean; config_path: string; project_info: { name: string; id: string | null } };
    const wd = await callJson<WorkingDirectory>(session, 'set_working_directory', { directory: join(alpha.dir, 'src') });
    expect(wd).toMatchObject({ working_directory: join(alpha.dir, 'src'), config_found: true, config_path: join(alpha.dir, '.codebase-mcp', 'config.json') });
    expect(wd.project_info).toEqual({ name: 'Alpha-Team', id: null });
    const again = await callJson<WorkingDirectory>(session, 'set_working_directory', { directory: join(alpha.dir, 'src') });
    expect(again.session_id).not.toBe(wd.session_id);

    await writeFile(join(alpha.dir, 'src', 'alphaOnly.ts'), 'export function quokkaLedger() { return 1; }\n');
    const indexed = await callJson<IndexResult>(session, 'index_repository', { repo_path: alpha.dir });
    const inAlpha = await callJson<SearchResult>(session, 'search_code', { query: 'quokka ledger' });
    expect(inAlpha.project_id).toBe(indexed.project_id);
    expect(inAlpha.database_name).toBe(`cb_proj_alphateam_${indexed.project_id.replace(/-/g, '').slice(0, 8)}`);
    expect(inAlpha.results.map((r) => r.file_path)).toEqual(['src/alphaOnly.ts']);

    // The other session has no working directory: it stays in `default`, which never saw the file.
    const inDefault = await callJson<SearchResult>(client, 'search_code', { query: 'quokka ledger' });
    expect(inDefault.database_name).toBe('cb_proj_default_00000000');
    expect(inDefault.results).toEqual([]);
    // Tier 1 beats tier 2, by name or by id.
    expect((await callJson<SearchResult>(session, 'search_code', { query: 'quokka ledger', project_id: 'default' })).results).toEqual([]);
    expect((await callJson<SearchResult>(client, 'search_code', { query: 'quokka ledger', project_id: indexed.project_id })).results).toHaveLength(1);
    expect((await callJson<SearchResult>(client, 'search_code', { query: 'quokka ledger', project_id: 'Alpha-Team' })).results).toHaveLength(1);

    const noConfig = await callJson<{ config_found: boolean; config_path: string | null; project_info: unknown }>(session, 'set_working_directory', { directory: '/' });
    expect(noConfig).toMatchObject({ config_found: false, config_path: null, project_info: null });
  } finally {
    await session.close();
    await alpha.dispose();
  }
});
