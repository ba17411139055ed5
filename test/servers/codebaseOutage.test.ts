// codebase-mcp through database trouble: PostgreSQL stopped and restarted under a background indexing job,
// and connections killed under a synchronous one. Afterwards every file is indexed exactly once.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import pg from 'pg';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import type { RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { generateLargeRepo } from '../../fixtures/generators/largeRepo.js';
import type { LargeRepo } from '../../fixtures/generators/largeRepo.js';
import { chunkFile } from '../../fixtures/servers/codebase-mcp/indexing/chunk.js';
import { fileType } from '../../fixtures/servers/codebase-mcp/indexing/scan.js';
import { callJson, callTool, connectHttp, eventually, startReference } from '../support/servers.js';
import type { ReferenceProcess } from '../support/servers.js';
import type { IndexResult, JobStatus } from './codebaseSupport.js';
import { EXTENSIONS } from './codebaseSupport.js';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const DEFAULT_DB = 'cb_proj_default_00000000';
let postgres: RunningPostgres;
let server: ReferenceProcess;
let client: Client;
let repo: LargeRepo;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  server = await startReference('codebase-mcp', { databaseUrl: postgres.url(), env: EXTENSIONS });
  client = await connectHttp(server);
  repo = await generateLargeRepo({ files: 2500 });
});

test.afterAll(async () => {
  await client?.close();
  await server?.stop();
  await postgres?.stop();
  if (repo) await rm(repo.dir, { recursive: true, force: true });
});

async function query<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
  const db = new pg.Client({ connectionString: postgres.url(DEFAULT_DB) });
  await db.connect();
  try {
    return (await db.query<R>(sql)).rows;
  } finally {
    await db.end();
  }
}

async function expectedChunks(): Promise<number> {
  let total = 0;
  // The generator's files plus its .gitignore (a text file like any other).
  for (const rel of [...repo.files, '.gitignore']) total += chunkFile(await readFile(join(repo.dir, rel), 'utf8'), fileType(rel)).length;
  return total;
}

/** Every file of the repository indexed once, with exactly its chunks: nothing lost, nothing duplicated. */
async function expectIndexedExactlyOnce(): Promise<void> {
  const [files] = await query<{ n: string; paths: string }>(`SELECT count(*) AS n, count(DISTINCT path) AS paths FROM code_files`);
  expect(Number(files?.n)).toBe(repo.files.length + 1);
  expect(Number(files?.paths)).toBe(repo.files.length + 1);
  const [dupes] = await query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT file_path, start_line FROM code_chunks GROUP BY 1, 2 HAVING count(*) > 1) d`);
  expect(Number(dupes?.n)).toBe(0);
  const [chunks] = await query<{ n: string; contents: string }>(`SELECT (SELECT count(*) FROM code_chunks) AS n, (SELECT count(*) FROM chunk_contents) AS contents`);
  const expected = await expectedChunks();
  expect(Number(chunks?.n)).toBe(expected);
  expect(Number(chunks?.contents)).toBe(expected);
}

async function healthStatus(): Promise<string> {
  const response = await fetch(`${server.url}/health`);
  return ((await response.json()) as { status: string }).status;
}

test('a background job survives PostgreSQL stopping and starting again, without duplicates', async () => {
  const started = await callJson<{ job_id: string }>(client, 'start_indexing_background', { repo_path: repo.dir });
  await eventually(async () => {
    const s = await callJson<JobStatus>(client, 'get_indexing_status', { job_id: started.job_id });
    return s.status === 'running' && s.files_indexed > 0 ? s : undefined;
  }, 60_000, 20);

  await postgres.halt();
  await expect.poll(healthStatus, { timeout: 15_000 }).toBe('unhealthy');
  expect((await fetch(`${server.url}/health`)).status).toBe(503);
  const during = await callTool(client, 'search_code', { query: 'validate payment' });
  expect(during.isError).toBe(true);
  expect(during.text).toMatch(/^Error calling tool 'search_code': /);
  await new Promise((r) => setTimeout(r, 1500));
  await postgres.resume();

  await expect.poll(healthStatus, { timeout: 15_000 }).toBe('healthy');
  const done = await eventually(async () => {
    const s = await callJson<JobStatus>(client, 'get_indexing_status', { job_id: started.job_id });
    return s.status === 'completed' || s.status === 'failed' ? s : undefined;
  }, 120_000, 200);
  expect(done).toMatchObject({ status: 'completed', files_indexed: repo.files.length + 1, error_message: null });
  await expectIndexedExactlyOnce();
  expect(server.stderr()).toContain('"event":"indexing_job_waiting_for_database"');
  const found = await callJson<{ results: unknown[] }>(client, 'search_code', { query: 'validate payment' });
  expect(found.results.length).toBeGreaterThan(0);
});

test('a synchronous re-index survives its connections being terminated, without duplicates', async () => {
  const call = callJson<IndexResult>(client, 'index_repository', { repo_path: repo.dir, force_reindex: true });
  let terminated = 0;
  for (let i = 0; i < 4; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const rows = await query<{ ok: boolean }>(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
      WHERE datname = '${DEFAULT_DB}' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
    terminated += rows.filter((r) => r.ok).length;
  }
  const result = await call;
  expect(terminated).toBeGreaterThan(0);
  expect(result).toMatchObject({ status: 'success', files_indexed: repo.files.length + 1 });
  await expectIndexedExactlyOnce();
  expect(server.stderr()).toContain('"event":"database_retry"');
});
