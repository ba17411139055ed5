// Reference stand-ins (fixtures/servers/<name>/main.ts) as child processes, through the process contract:
// env <PREFIX>_DATABASE_URL / <PREFIX>_PORT (0 = free port), readiness from MCP_READY_FILE. Plus real MCP
// clients over streamable HTTP, legacy SSE and stdio, and helpers to read tool results.
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

export type ReferenceName = 'codebase-mcp' | 'workflow-mcp';
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function referenceMain(name: ReferenceName): string {
  return join(repoRoot, 'fixtures', 'servers', name, 'main.ts');
}

/** CODEBASE_MCP or WORKFLOW_MCP. */
export function envPrefix(name: ReferenceName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export interface ReferenceOptions {
  /** Cluster URL naming the maintenance database (RunningPostgres.url()). */
  databaseUrl: string;
  port?: number;
  /** Extra env; cross-server URLs (WORKFLOW_MCP_URL, CODEBASE_MCP_URL) are only set when given here. */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

export function referenceEnv(name: ReferenceName, options: ReferenceOptions): NodeJS.ProcessEnv {
  const prefix = envPrefix(name);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['WORKFLOW_MCP_URL', 'CODEBASE_MCP_URL', 'DATABASE_URL', 'MCP_READY_FILE']) delete env[key];
  return { ...env, [`${prefix}_DATABASE_URL`]: options.databaseUrl, [`${prefix}_PORT`]: String(options.port ?? 0), ...options.env };
}

export interface ReferenceProcess {
  name: ReferenceName;
  /** Base URL, e.g. http://127.0.0.1:41234 (no path). */
  url: string;
  port: number;
  pid: number;
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM (graceful) by default; SIGKILL after 35 s (the servers' shutdown grace is 30 s). Resolves once it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns the server and waits for its ready file; fails with its stderr if it exits or stalls first. */
export async function startReference(name: ReferenceName, options: ReferenceOptions): Promise<ReferenceProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-journeys-ready-'));
  const readyFile = join(dir, 'ready.json');
  const child = spawn(process.execPath, ['--import', 'tsx', referenceMain(name)], {
    cwd: repoRoot, env: { ...referenceEnv(name, options), MCP_READY_FILE: readyFile }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let ready: { pid: number; port: number; url: string } | undefined;
  try {
    while (!ready) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ready:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`${name} not ready in time:\n${stderr}`);
      try {
        ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { pid: number; port: number; url: string };
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } catch (e) {
    if (child.pid !== undefined && child.exitCode === null) treeKill(child.pid, 'SIGKILL');
    await exited;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pid = child.pid ?? ready.pid;
  return {
    name, url: ready.url, port: ready.port, pid, exited, stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (signal === 'SIGKILL') treeKill(pid, 'SIGKILL'); else child.kill(signal);
      const timer = setTimeout(() => treeKill(pid, 'SIGKILL'), 35_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a server expected to fail at start-up; returns its exit code and stderr. */
export async function runToExit(name: ReferenceName, options: ReferenceOptions, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', referenceMain(name)], { cwd: repoRoot, env: referenceEnv(name, options), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const timer = setTimeout(() => { if (child.pid !== undefined) treeKill(child.pid, 'SIGKILL'); }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}

export type HttpTransportKind = 'http' | 'sse';

function newClient(): Client {
  return new Client({ name: 'mcp-journeys-tests', version: '0.0.0' });
}

/** A connected MCP client over streamable HTTP (`/mcp`) or legacy SSE (`/sse`). */
export async function connectHttp(server: { url: string }, kind: HttpTransportKind = 'http'): Promise<Client> {
  const client = newClient();
  await client.connect(kind === 'http'
    ? new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`))
    : new SSEClientTransport(new URL(`${server.url}/sse`)));
  return client;
}

/** A client that spawns its own server over stdio (`--stdio`); closing the client ends the server. */
export async function connectStdio(name: ReferenceName, options: ReferenceOptions): Promise<{ client: Client; stderr: () => string }> {
  const env = Object.fromEntries(Object.entries(referenceEnv(name, options)).filter((e): e is [string, string] => e[1] !== undefined));
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', referenceMain(name), '--stdio'], env, cwd: repoRoot, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer | string) => { stderr += d.toString(); });
  const client = newClient();
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
  const content = Array.isArray(result.content) ? result.content as { type: string; text?: string }[] : [];
  return { isError: result.isError === true, text: content.map((c) => c.text ?? '').join('') };
}

/** The tool's JSON result; throws with the error text when the call failed. */
export async function callJson<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const outcome = await callTool(client, name, args);
  if (outcome.isError) throw new Error(`${name} failed: ${outcome.text}`);
  return JSON.parse(outcome.text) as T;
}

/** The error text of a call expected to fail; throws when it succeeded. */
export async function callError(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const outcome = await callTool(client, name, args);
  if (!outcome.isError) throw new Error(`${name} unexpectedly succeeded: ${outcome.text.slice(0, 300)}`);
  return outcome.text;
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
