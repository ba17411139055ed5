// The README's first journey played by hand, by plain SDK clients, through `mcp-journeys record`: the
// reference codebase-mcp over stdio behind a stdio proxy, and workflow-mcp over streamable HTTP behind
// an HTTP proxy, both recording into one journey, as Claude Code would with both in its `.mcp.json`.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { callError, callJson, eventually, referenceEnv, referenceMain, repoRoot } from '../../support/servers.js';

export const cli = join(repoRoot, 'bin', 'mcp-journeys.js');
const tsx = import.meta.resolve('tsx');

export interface HttpProxy {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** Ctrl-C, as a user stops it; resolves with its exit code once it has written what it writes. */
  stop: () => Promise<number | null>;
}

/** `mcp-journeys record --url <upstream> …`; resolves once it printed its local URL. */
export async function startHttpProxy(out: string, name: string, upstream: string, extra: string[] = []): Promise<HttpProxy> {
  const child = spawn(process.execPath, [cli, 'record', '--out', out, '--name', name, ...extra, '--url', upstream], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve(line);
    });
    void exited.then((code) => reject(new Error(`record --url exited (${code}) before it printed its URL:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr, stop: () => { child.kill('SIGINT'); return exited; } };
}

/** A client whose stdio server is `mcp-journeys record … -- <codebase-mcp over stdio>`. */
export async function recordingStdioClient(out: string, name: string, databaseUrl: string, workflowUrl: string, extra: string[] = []): Promise<{ client: Client; stderr: () => string }> {
  const env = Object.fromEntries(Object.entries(referenceEnv('codebase-mcp', { databaseUrl, env: { WORKFLOW_MCP_URL: workflowUrl } })).filter((e): e is [string, string] => e[1] !== undefined));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, 'record', '--out', out, '--name', name, ...extra, '--', process.execPath, '--import', tsx, referenceMain('codebase-mcp'), '--stdio'],
    env, cwd: repoRoot, stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer | string) => { stderr += d.toString(); });
  const client = new Client({ name: 'claude-code', version: '2.1.203' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

export async function httpClient(url: string): Promise<Client> {
  const client = new Client({ name: 'claude-code', version: '2.1.203' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

interface Played {
  chunkId: string;
  taskId: string;
}

/** README "A first journey", call by call, as a person in Claude Code would have it done. */
export async function playFirstJourney(codebase: Client, workflow: Client): Promise<Played> {
  await codebase.listTools();
  await workflow.listTools();
  const project = await callJson<{ id: string }>(workflow, 'create_project', { name: 'first-recorded' });
  await callJson(workflow, 'switch_project', { project_id: project.id });
  const job = await callJson<{ job_id: string }>(codebase, 'start_indexing_background', { repo_path: join(repoRoot, 'fixtures', 'repos', 'storefront') });
  await eventually(async () => {
    const status = await callJson<{ status: string }>(codebase, 'get_indexing_status', { job_id: job.job_id });
    if (status.status === 'failed') throw new Error('indexing failed');
    return status.status === 'completed' ? true : undefined;
  }, 60_000, 100);
  const search = await callJson<{ results: { chunk_id: string }[] }>(codebase, 'search_code', { query: 'authenticate user', limit: 5 });
  const chunkId = search.results[0]?.chunk_id ?? '';
  const task = await callJson<{ id: string }>(workflow, 'create_work_item', { item_type: 'task', title: 'Harden login', entity_references: [chunkId] });
  await callError(workflow, 'create_work_item', { item_type: 'task', title: '' });
  await callJson(workflow, 'get_work_item_hierarchy', { work_item_id: task.id });
  await callJson(workflow, 'delete_work_item', { work_item_id: task.id, confirmed: true });
  return { chunkId, taskId: task.id };
}
