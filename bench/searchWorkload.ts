// The runner bench's realistic call: `search_code` on the codebase-mcp stand-in of an embedded stack, over
// an index of the storefront fixture repository, so each call does the tool's real work (SQL through its
// pool, ranking, serialising) beside the 1.7 ms echo. Both sides reach the same running server.
import { fileURLToPath } from 'node:url';
import { startStack, type EmbeddedStack } from '../src/servers/startStack.js';
import { connect, ok } from './serversSupport.js';

const STOREFRONT = fileURLToPath(new URL('../fixtures/repos/storefront', import.meta.url));

export interface SearchWorkload {
  stack: EmbeddedStack;
  /** The server's streamable-HTTP endpoint. */
  url: string;
}

/** Starts the stack and indexes the storefront repository once, as project `default`. */
export async function startSearchWorkload(): Promise<SearchWorkload> {
  const stack = await startStack();
  try {
    const base = stack.server('codebase-mcp').url;
    const client = await connect(base);
    try {
      const job = await ok<{ job_id: string }>(client, 'start_indexing_background', { repo_path: STOREFRONT, project_id: 'default' });
      let status = 'pending';
      while (status === 'pending' || status === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        ({ status } = await ok<{ status: string }>(client, 'get_indexing_status', { job_id: job.job_id, project_id: 'default' }));
      }
      if (status !== 'completed') throw new Error(`indexing the storefront repository ended ${status}`);
    } finally {
      await client.close();
    }
    return { stack, url: `${base}/mcp` };
  } catch (e) {
    await stack.stop();
    throw e;
  }
}
