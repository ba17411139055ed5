// codebase-mcp's connection-pool exhaustion: a queued call waits for the acquire timeout, then fails with the
// contract's message; the held call still completes and nothing is left broken.
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import { callJson, callTool, connectHttp, startReference } from '../support/servers.js';
import { EXTENSIONS, storefront } from './codebaseSupport.js';
import type { ChunksResult, IndexResult, SearchResult } from './codebaseSupport.js';

test('a pool of one, held by a search blocked on a table lock: /health degraded, the next call fails with the pool-exhausted text', async () => {
  test.setTimeout(120_000);
  const postgres = await startPostgres();
  const server = await startReference('codebase-mcp', {
    databaseUrl: postgres.url(), env: { ...EXTENSIONS, POOL_MIN_SIZE: '1', POOL_MAX_SIZE: '1', POOL_ACQUIRE_TIMEOUT: '0.5' },
  });
  const client = await connectHttp(server);
  const holder = new pg.Client({ connectionString: postgres.url('cb_proj_default_00000000') });
  try {
    const indexed = await callJson<IndexResult>(client, 'index_repository', { repo_path: storefront, project_id: 'default' });
    expect(indexed.status).toBe('success');
    const before = await callJson<SearchResult>(client, 'search_code', { query: 'payment', project_id: 'default' });
    expect(before.results.length).toBeGreaterThan(0);

    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE code_chunks IN ACCESS EXCLUSIVE MODE');
    // Takes the project pool's only connection and waits on the lock.
    const blocked = callTool(client, 'search_code', { query: 'payment', project_id: 'default' });
    await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { database: { pool: { active: number } } }).database.pool.active)
      .toBeGreaterThan(0);
    await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { status: string }).status).toBe('degraded');
    const starved = await callTool(client, 'get_code_chunks', { chunk_ids: [before.results[0]?.chunk_id], project_id: 'default' });
    expect(starved).toEqual({
      isError: true, text: `Error calling tool 'get_code_chunks': Connection pool exhausted (1/1 connections in use). Retry after 5 seconds.`,
    });
    await holder.query('COMMIT');
    const released = await blocked;
    expect(released.isError).toBe(false);
    expect((JSON.parse(released.text) as SearchResult).results.map((r) => r.chunk_id)).toEqual(before.results.map((r) => r.chunk_id));
    await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { status: string }).status).toBe('healthy');
    const after = await callJson<ChunksResult>(client, 'get_code_chunks', { chunk_ids: [before.results[0]?.chunk_id], project_id: 'default' });
    expect(after.missing).toEqual([]);
  } finally {
    await test.info().attach('codebase-mcp stderr', { body: server.stderr(), contentType: 'text/plain' });
    await holder.end().catch(() => undefined);
    await client.close().catch(() => undefined);
    await server.stop();
    await postgres.stop();
  }
});
