// A database outage under load: workflow-mcp notices it, fails calls cleanly instead of hanging, recovers by
// itself when PostgreSQL is back, and no work item is lost or duplicated. Then connections killed under it
// (pg_terminate_backend), which once ended the process: the case workflow-mcp's connectionGuard covered.
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

test('connections terminated again and again mid-writes: the server stays up, every write lands exactly once', async () => {
  test.setTimeout(120_000);
  const postgres = await startPostgres();
  const server = await startWorkflow({ databaseUrl: postgres.url() });
  const client = await connect('http', { url: server.url });
  const admin = new pg.Client({ connectionString: postgres.url() });
  try {
    await admin.connect();
    const project = await freshProject(client, 'terminate');
    const succeeded: string[] = [];
    const failed: string[] = [];
    const thrown: string[] = [];
    let writing = true;
    // Transactions of several statements, so some terminations land while a client is checked out between two
    // of them: the case that used to be an uncaught 'error' event ending the process.
    const writer = async (w: number): Promise<void> => {
      for (let n = 0; writing; n++) {
        const title = `w${w}-${n}`;
        try {
          const outcome = await call(client, 'create_work_item', { item_type: 'task', title });
          if (outcome.isError) failed.push(outcome.text);
          else succeeded.push(title);
        } catch (e) {
          // A transport failure: the server went away. Recorded, so the assertions below name it.
          thrown.push(e instanceof Error ? e.message : String(e));
          return;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await expect.poll(() => succeeded.length).toBeGreaterThan(10);
    let terminated = 0;
    for (let round = 0; round < 40; round++) {
      const { rows } = await admin.query<{ ok: boolean }>(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`, [project.database_name]);
      terminated += rows.filter((r) => r.ok).length;
      await new Promise((r) => setTimeout(r, 50));
    }
    const afterKills = succeeded.length;
    await expect.poll(() => thrown.length > 0 || succeeded.length > afterKills + 10, { timeout: 15_000 }).toBe(true);
    writing = false;
    await Promise.all(writers);

    expect(thrown).toEqual([]);
    expect(terminated).toBeGreaterThan(0);
    // Still the same process, answering.
    expect(await Promise.race([server.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('running'), 100))])).toBe('running');
    expect((await (await fetch(`${server.url}/health`)).json() as { status: string }).status).toBe('healthy');
    for (const text of failed) expect(text).toMatch(/^Error calling tool 'create_work_item': /);
    const db = new pg.Client({ connectionString: postgres.url(project.database_name) });
    await db.connect();
    try {
      const { rows } = await db.query<{ title: string; n: number }>('SELECT title, count(*)::int AS n FROM work_items GROUP BY title');
      const stored = new Map(rows.map((r) => [r.title, r.n]));
      expect(rows.filter((r) => r.n > 1)).toEqual([]);
      expect(succeeded.filter((t) => stored.get(t) !== 1)).toEqual([]);
    } finally {
      await db.end();
    }
    expect(server.stderr()).toMatch(/"event":"(database_retry|connection_lost_between_statements|pool_client_error)"/);
  } finally {
    await test.info().attach('workflow-mcp stderr', { body: server.stderr(), contentType: 'text/plain' });
    await admin.end().catch(() => undefined);
    await client.close().catch(() => undefined);
    await server.stop();
    await postgres.stop();
  }
});
