// workflow-mcp against the real codebase-mcp stand-in: references found by search_code round-trip through a work
// item, go stale when their file changes and is re-indexed, and degrade to a warning when codebase-mcp is down.
// codebase-mcp runs with its default (real) contract: indexing through background jobs, no get_code_chunks
// for this client, while workflow-mcp's own link opts in to it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { test, expect } from './workflowFixtures.js';
import { eventually } from '../support/servers.js';
import { connect, freshProject, ok, startCodebase, startWorkflow } from './workflowSupport.js';

interface Annotated { id: string; entity_references: string[]; valid_references?: string[]; stale_references?: string[]; warnings?: string[] }
interface Search { results: { chunk_id: string; file_path: string }[]; project_id: string }

/** Indexes as the real server requires: a background job, polled until it is done. */
async function indexed(cb: Awaited<ReturnType<typeof connect>>, repo: string): Promise<void> {
  const job = await ok<{ job_id: string }>(cb, 'start_indexing_background', { repo_path: repo });
  const done = await eventually(async () => {
    const status = await ok<{ status: string }>(cb, 'get_indexing_status', { job_id: job.job_id });
    return status.status === 'completed' || status.status === 'failed' ? status : undefined;
  });
  expect(done.status).toBe('completed');
}

const stale = (id: string) => `Entity reference '${id}' not found in codebase-mcp. Code may have been deleted or re-indexed.`;

function writeRepo(dir: string, version: number): void {
  const files: Record<string, string> = {
    'auth.py': `def authenticate_user(name, password):\n    """Check a password (v${version})."""\n    return verify_password(name, password)\n`,
    'billing.py': 'def charge_invoice(invoice):\n    """Charge an invoice."""\n    return invoice.total\n',
    'orders.py': 'def ship_order(order):\n    """Ship an order."""\n    return order.id\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

test('search → work item with three chunk references → file changed and re-indexed → 2 of 3 → codebase-mcp down', async ({ postgres }) => {
  test.setTimeout(120_000);
  const repo = mkdtempSync(join(tmpdir(), 'wf-cross-repo-'));
  writeRepo(repo, 1);
  const workflowPort = await getPort({ host: '127.0.0.1' });
  const codebase = await startCodebase({ databaseUrl: postgres.url(), env: { WORKFLOW_MCP_URL: `http://127.0.0.1:${workflowPort}` } });
  const workflow = await startWorkflow({ databaseUrl: postgres.url(), port: workflowPort, env: { CODEBASE_MCP_URL: codebase.url } });
  const wf = await connect('http', { url: workflow.url });
  const cb = await connect('http', { url: codebase.url });
  try {
    const project = await freshProject(wf, 'cross');
    // No project_id: codebase-mcp follows workflow-mcp's active project (tier 3), as the reference check does.
    const { tools } = await cb.listTools();
    expect(tools.map((t) => t.name)).not.toContain('get_code_chunks');
    await indexed(cb, repo);
    const chunkFor = async (query: string, file: string): Promise<string> => {
      const search = await ok<Search>(cb, 'search_code', { query });
      expect(search.project_id).toBe(project.id);
      const hit = search.results.find((r) => r.file_path === file);
      if (!hit) throw new Error(`no chunk of ${file} for "${query}": ${JSON.stringify(search.results)}`);
      return hit.chunk_id;
    };
    const refs = [await chunkFor('authenticate user password', 'auth.py'), await chunkFor('charge invoice', 'billing.py'), await chunkFor('ship order', 'orders.py')];

    const item = await ok<Annotated>(wf, 'create_work_item', { item_type: 'task', title: 'Harden AuthService', entity_references: refs });
    expect(item).toMatchObject({ entity_references: refs, valid_references: refs, stale_references: [], warnings: [] });

    writeRepo(repo, 2);
    await indexed(cb, repo);
    const [authRef, ...others] = refs;
    const read = await ok<{ work_items: Annotated[] }>(wf, 'query_work_items');
    expect(read.work_items[0]).toMatchObject({
      entity_references: refs, valid_references: others, stale_references: [authRef],
      warnings: [stale(authRef!), '2 of 3 entity references remain valid.'],
    });

    await cb.close();
    await codebase.stop();
    const down = await ok<{ work_item: Annotated }>(wf, 'get_work_item_hierarchy', { work_item_id: item.id });
    expect(down.work_item.entity_references).toEqual(refs);
    expect(down.work_item.warnings).toEqual(['code_search_unavailable: codebase-mcp server not reachable']);
  } finally {
    await wf.close();
    await cb.close();
    await workflow.stop();
    await codebase.stop();
    rmSync(repo, { recursive: true, force: true });
  }
});
