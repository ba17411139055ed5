// Starts the workflow-mcp stand-in as a child process on embedded PostgreSQL and talks to it through real MCP
// clients (streamable HTTP, legacy SSE, stdio), for the test/servers/workflow*.test.ts files.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import treeKill from 'tree-kill';

export const workflowMain = fileURLToPath(new URL('../../fixtures/servers/workflow-mcp/main.ts', import.meta.url));
export const codebaseMain = fileURLToPath(new URL('../../fixtures/servers/codebase-mcp/main.ts', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkflowProcess {
  url: string;
  port: number;
  pid: number;
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM (graceful) by default; SIGKILL after 10 s if it has not ended. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

export function workflowEnv(options: StartOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WORKFLOW_MCP_DATABASE_URL: options.databaseUrl, WORKFLOW_MCP_PORT: String(options.port ?? 0), ...options.env };
  delete env['CODEBASE_MCP_URL'];
  if (options.env?.['CODEBASE_MCP_URL'] !== undefined) env['CODEBASE_MCP_URL'] = options.env['CODEBASE_MCP_URL'];
  return env;
}

/** Spawns the server and waits for its ready file. Fails with its stderr if it exits first. */
export function startWorkflow(options: StartOptions): Promise<WorkflowProcess> {
  return startReference(workflowMain, workflowEnv(options), options.readyTimeoutMs);
}

/** codebase-mcp (B1's stand-in) on the same cluster, for the cross-server tests. */
export function startCodebase(options: StartOptions): Promise<WorkflowProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, CODEBASE_MCP_DATABASE_URL: options.databaseUrl, CODEBASE_MCP_PORT: String(options.port ?? 0), ...options.env };
  return startReference(codebaseMain, env, options.readyTimeoutMs);
}

async function startReference(main: string, env: NodeJS.ProcessEnv, readyTimeoutMs = 30_000): Promise<WorkflowProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'ref-ready-'));
  const readyFile = join(dir, 'ready.json');
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: repoRoot, env: { ...env, MCP_READY_FILE: readyFile }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + readyTimeoutMs;
  let ready: { pid: number; port: number; url: string } | undefined;
  let ended = false;
  void exited.then(() => { ended = true; });
  try {
    while (!ready) {
      if (ended) throw new Error(`${main} exited before it was ready:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`${main} not ready in time:\n${stderr}`);
      try {
        ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { pid: number; port: number; url: string };
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } catch (e) {
    if (child.pid !== undefined && !ended) treeKill(child.pid, 'SIGKILL');
    await exited;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { port, url } = ready;
  return {
    url, port, pid: child.pid ?? -1, stderr: () => stderr, exited,
    stop: async (signal = 'SIGTERM') => {
      if (ended || child.pid === undefined) return;
      treeKill(child.pid, signal);
      const timer = setTimeout(() => { if (!ended && child.pid !== undefined) treeKill(child.pid, 'SIGKILL'); }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs the server expecting it to fail at start-up: its exit code and stderr. */
export async function runToExit(options: StartOptions, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', workflowMain], { cwd: repoRoot, env: workflowEnv(options), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => { stderr += chunk; });
  const timer = setTimeout(() => { if (child.pid !== undefined) treeKill(child.pid, 'SIGKILL'); }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}

export type Transport = 'http' | 'sse' | 'stdio';

/** A connected MCP client, the way Claude Code would connect. For stdio the client spawns its own server. */
export async function connect(transport: Transport, target: { url?: string; stdio?: StartOptions }): Promise<Client> {
  const client = new Client({ name: 'claude-code', version: 'test' });
  if (transport === 'stdio') {
    if (!target.stdio) throw new Error('stdio needs start options');
    const env = Object.fromEntries(Object.entries(workflowEnv(target.stdio)).filter((e): e is [string, string] => e[1] !== undefined));
    await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', workflowMain, '--stdio'], cwd: repoRoot, env, stderr: 'ignore' }));
    return client;
  }
  if (!target.url) throw new Error(`${transport} needs a url`);
  await client.connect(transport === 'http'
    ? new StreamableHTTPClientTransport(new URL(`${target.url}/mcp`))
    : new SSEClientTransport(new URL(`${target.url}/sse`)));
  return client;
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
  /** The text parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 30_000 });
  const content = Array.isArray(result.content) ? result.content as unknown[] : [];
  const first = content[0];
  const text = typeof first === 'object' && first !== null && 'text' in first ? String(first.text) : '';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { isError: result.isError === true, text, json };
}

/** The JSON result of a call that must succeed (the error text otherwise, for a readable failure). */
export async function ok<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const outcome = await call(client, name, args);
  if (outcome.isError) throw new Error(`${name} failed: ${outcome.text}`);
  return outcome.json as T;
}

/** The error text of a call that must fail. */
export async function fails(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const outcome = await call(client, name, args);
  if (!outcome.isError) throw new Error(`${name} unexpectedly succeeded: ${outcome.text}`);
  return outcome.text;
}

/** A fresh project, made active: the active project is server-global, so each test starts with its own. */
export async function freshProject(client: Client, prefix = 'p'): Promise<{ id: string; name: string; database_name: string }> {
  const project = await ok<{ id: string; name: string; database_name: string }>(client, 'create_project', { name: `${prefix}-${Math.random().toString(36).slice(2, 10)}` });
  await ok(client, 'switch_project', { project_id: project.id });
  return project;
}
