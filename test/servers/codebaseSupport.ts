// Shapes of codebase-mcp results and a writable copy of the storefront fixture, for test/servers/codebase*.test.ts.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/servers.js';

/** The stand-in's opt-in tools (fixtures/servers/codebase-mcp/extensions.ts): these tests drive its indexing
 * and chunk ids directly; codebaseContract.test.ts checks the default, real contract. */
export const EXTENSIONS = { CODEBASE_MCP_EXTENSIONS: 'get_code_chunks,index_repository' };

export const storefront = join(repoRoot, 'fixtures', 'repos', 'storefront');

export interface SearchHit {
  chunk_id: string;
  file_path: string;
  content: string;
  start_line: number;
  end_line: number;
  similarity_score: number;
  context_before: string;
  context_after: string;
}

export interface SearchResult { results: SearchHit[]; total_count: number; project_id: string; database_name: string; latency_ms: number }
export interface IndexResult {
  repository_id: string; files_indexed: number; chunks_created: number; duration_seconds: number;
  project_id: string; database_name: string; status: string; files_unchanged?: number; files_deleted?: number;
}
export interface ChunksResult { chunks: SearchHit[]; missing: string[] }
export interface JobStatus {
  job_id: string; status: string; status_message: string; repo_path: string; project_id: string; files_indexed: number;
  chunks_created: number; force_reindex: boolean; error_message: string | null; created_at: string; started_at: string | null; completed_at: string | null;
}

/** A scratch copy of a fixture repository (so tests can edit, add and delete files); remove with `dispose`. */
export async function copyRepo(source = storefront): Promise<{ dir: string; dispose(): Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'mcp-journeys-repo-'));
  const dir = join(parent, 'repo');
  await cp(source, dir, { recursive: true });
  return { dir, dispose: () => rm(parent, { recursive: true, force: true }) };
}
