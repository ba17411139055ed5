// Connection-pool exhaustion: queued calls wait, then fail with the contract's message; nothing hangs or crashes.
import pg from 'pg';
import { test, expect } from './workflowFixtures.js';
import { call, connect, freshProject, ok, startWorkflow } from './workflowSupport.js';

test('a pool of one, held by a call blocked on a table lock: the next call fails with the pool-exhausted text', async ({ postgres }) => {
  const server = await startWorkflow({ databaseUrl: postgres.url(), env: { POOL_MIN_SIZE: '1', POOL_MAX_SIZE: '1', POOL_ACQUIRE_TIMEOUT: '0.5' } });
  const client = await connect('http', { url: server.url });
  try {
    const project = await freshProject(client, 'pool');
    await ok(client, 'create_work_item', { item_type: 'task', title: 'warm-up' });
    const holder = new pg.Client({ connectionString: postgres.url(project.database_name) });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE work_items IN ACCESS EXCLUSIVE MODE');
      // Takes the pool's only connection and waits on the lock.
      const blocked = call(client, 'create_work_item', { item_type: 'task', title: 'held' });
      await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { database: { pool: { active: number } } }).database.pool.active).toBeGreaterThan(0);
      await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { status: string }).status).toBe('degraded');
      const starved = await call(client, 'query_work_items');
      expect(starved).toMatchObject({ isError: true, text: `Error calling tool 'query_work_items': Connection pool exhausted (1/1 connections in use). Retry after 5 seconds.` });
      await holder.query('COMMIT');
      expect((await blocked).isError).toBe(false);
    } finally {
      await holder.end();
    }
    expect((await ok<{ count: number }>(client, 'query_work_items')).count).toBe(2);
    expect(server.stderr()).toContain('"event":"pool_saturation"');
  } finally {
    await client.close();
    await server.stop();
  }
});
