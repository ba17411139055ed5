// The workflow-mcp stand-in (and codebase-mcp, for the cross-server tests) as child processes through the
// one reference starter of test/support/servers.ts, and real MCP clients (streamable HTTP, legacy SSE,
// stdio) with call helpers, for the test/servers/workflow*.test.ts files.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { referenceEnv, referenceMain, repoRoot, runToExit as runReferenceToExit, startReference } from '../support/servers.js';
import type { ReferenceOptions, ReferenceProcess } from '../support/servers.js';

export type WorkflowProcess = ReferenceProcess;
export type StartOptions = ReferenceOptions;

export function startWorkflow(options: StartOptions): Promise<WorkflowProcess> {
  return startReference('workflow-mcp', options);
}

/** codebase-mcp (B1's stand-in) on the same cluster, for the cross-server tests. */
export function startCodebase(options: StartOptions): Promise<WorkflowProcess> {
  return startReference('codebase-mcp', options);
}

/** Runs workflow-mcp expecting it to fail at start-up: its exit code and stderr. */
export function runToExit(options: StartOptions, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  return runReferenceToExit('workflow-mcp', options, timeoutMs);
}

export type Transport = 'http' | 'sse' | 'stdio';

/** A connected MCP client, the way Claude Code would connect. For stdio the client spawns its own server. */
export async function connect(transport: Transport, target: { url?: string; stdio?: StartOptions }): Promise<Client> {
  const client = new Client({ name: 'claude-code', version: 'test' });
  if (transport === 'stdio') {
    if (!target.stdio) throw new Error('stdio needs start options');
    const env = Object.fromEntries(Object.entries(referenceEnv('workflow-mcp', target.stdio)).filter((e): e is [string, string] => e[1] !== undefined));
    await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', referenceMain('workflow-mcp'), '--stdio'], cwd: repoRoot, env, stderr: 'ignore' }));
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
