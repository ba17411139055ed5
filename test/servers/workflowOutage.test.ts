// A database outage under load: workflow-mcp notices it, fails calls cleanly instead of hanging, recovers by
// itself when PostgreSQL is back, and no work item is lost or duplicated.
import pg from 'pg';
import { test, expect } from '@playwright/test';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import { call, connect, freshProject, ok, startWorkflow } from './workflowSupport.js';

test('PostgreSQL halted for a few seconds mid-writes: detected, recovered, no work item lost or duplicated', async () => {
  test.setTimeout(120_000);
  const postgres = await startPostgres();
  const server = await startWorkflow({ databaseUrl: postgres.url() });
  const client = await connect('http', { url: server.url });
  try {
    const project = await freshProject(client, 'outage');
    const succeeded: string[] = [];
    const failed: { title: string; text: string }[] = [];
    let writing = true;
    const writer = async (w: number): Promise<void> => {
      for (let n = 0; writing; n++) {
        const title = `w${w}-${n}`;
        const outcome = await call(client, 'create_work_item', { item_type: 'task', title });
        if (outcome.isError) failed.push({ title, text: outcome.text });
        else succeeded.push(title);
        if (outcome.isError) await new Promise((r) => setTimeout(r, 100));
      }
    };
    const writers = [0, 1, 2].map(writer);
    await expect.poll(() => succeeded.length).toBeGreaterThan(20);

    await postgres.halt();
    await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { status: string }).status, { timeout: 10_000 }).toBe('unhealthy');
    await new Promise((r) => setTimeout(r, 3000));
    await postgres.resume();
    await expect.poll(async () => (await (await fetch(`${server.url}/health`)).json() as { status: string }).status, { timeout: 15_000 }).toBe('healthy');
    const afterResume = succeeded.length;
    await expect.poll(() => succeeded.length, { timeout: 15_000 }).toBeGreaterThan(afterResume + 20);
    writing = false;
    await Promise.all(writers);

    // Calls during the outage ended as tool errors with a database message, never as hangs or crashes.
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f.text).toMatch(/^Error calling tool 'create_work_item': Database unavailable: /);
    const db = new pg.Client({ connectionString: postgres.url(project.database_name) });
    await db.connect();
    try {
      const { rows } = await db.query<{ title: string; n: number }>('SELECT title, count(*)::int AS n FROM work_items GROUP BY title');
      const stored = new Map(rows.map((r) => [r.title, r.n]));
      expect(rows.filter((r) => r.n > 1)).toEqual([]);
      expect(succeeded.filter((t) => stored.get(t) !== 1)).toEqual([]);
      // A failed call may not have written anything, or (commit done, answer lost) exactly once; never twice.
      expect(stored.size).toBeLessThanOrEqual(succeeded.length + failed.length);
    } finally {
      await db.end();
    }
    expect((await ok<{ count: number }>(client, 'query_work_items')).count).toBeGreaterThanOrEqual(succeeded.length);
    expect(server.stderr()).toContain('"event":"database_unreachable"');
    expect(server.stderr()).toContain('"event":"database_recovered"');
  } finally {
    await test.info().attach('workflow-mcp stderr', { body: server.stderr(), contentType: 'text/plain' });
    await client.close();
    await server.stop();
    await postgres.stop();
  }
});
