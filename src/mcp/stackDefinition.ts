// The stack definition: what Claude Code's `.mcp.json` cannot hold about the servers the runner launches
// (how to start an http/sse server, its port, readiness and database). It lives beside the `.mcp.json`
// (`.mcp.json` → `.mcp.stack.json`), or wherever `MCP_JOURNEYS_STACK` / `defineJourneysConfig({ stack })`
// says; schemas/stack.schema.json is its contract.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { durationMs } from '../common/duration.js';
import { messageOf } from '../common/messageOf.js';
import { McpConfigError, type Env } from './mcpConfig.js';
import { schemaProblems } from './stackSchemaProblems.js';

const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/stack.schema.json', import.meta.url));
export const STACK_ENV = 'MCP_JOURNEYS_STACK';

export type ReadyCheck = { kind: 'tcp' } | { kind: 'file' } | { kind: 'http'; path: string } | { kind: 'log'; pattern: RegExp };

export interface ServerLaunch {
  name: string;
  /** How an http/sse server (or a background service) starts; undefined for a stdio server, whose
   * command is its `.mcp.json` entry's. */
  program?: { kind: 'command'; command: string } | { kind: 'node'; entry: string };
  args: string[];
  cwd: string;
  /** Values with placeholders still in (`${port}`, `${database_url}`, `${server_url:<name>}`). */
  env: Record<string, string>;
  port?: number;
  /** `true`: the cluster's maintenance database; a name: that database, created when missing. */
  database?: true | string;
  ready: ReadyCheck;
  startTimeoutMs: number;
  stopGraceMs: number;
}

export interface StackDefinition {
  source: string;
  postgres: { kind: 'embedded' } | { kind: 'url'; url: string };
  servers: Record<string, ServerLaunch>;
}

interface RawServer {
  command?: string; node?: string; args?: string[]; cwd?: string; env?: Record<string, string>; port?: number;
  database?: true | string; ready?: 'tcp' | 'file' | { http: string } | { log: string };
  start_timeout?: number | string; stop_grace?: number | string;
}
interface RawStack { postgres?: 'embedded' | { url: string }; servers: Record<string, RawServer> }

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  return validator;
}

/** `MCP_JOURNEYS_STACK`, else `<config minus .json>.stack.json` beside the MCP configuration when it exists. */
export function resolveStackPath(mcpConfigPath: string, env: Env = process.env): string | undefined {
  const chosen = env[STACK_ENV];
  if (chosen) return resolve(chosen);
  const sibling = resolve(mcpConfigPath).replace(/\.json$/i, '') + '.stack.json';
  return existsSync(sibling) ? sibling : undefined;
}

export function loadStackDefinition(file: string, env: Env = process.env): StackDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new McpConfigError(file, `cannot read the stack definition: ${messageOf(e)}`);
  }
  const check = validate();
  if (!check(json)) throw new McpConfigError(file, `not a valid stack definition (schemas/stack.schema.json):\n${schemaProblems(check.errors ?? [], json).map((p) => `  - ${p}`).join('\n')}`);
  const raw = json as RawStack;
  const dir = dirname(file);
  const servers: Record<string, ServerLaunch> = {};
  for (const [name, s] of Object.entries(raw.servers)) servers[name] = launchOf(name, s, dir);
  const postgres = typeof raw.postgres === 'object'
    ? { kind: 'url' as const, url: expandEnv(raw.postgres.url, env, file, 'postgres.url') }
    : { kind: 'embedded' as const };

  return { source: file, postgres, servers };
}

function launchOf(name: string, s: RawServer, dir: string): ServerLaunch {
  const program = s.node !== undefined ? { kind: 'node' as const, entry: resolve(dir, s.node) }
    : s.command !== undefined ? { kind: 'command' as const, command: s.command } : undefined;
  return {
    name,
    program,
    args: s.args ?? [],
    cwd: resolve(dir, s.cwd ?? '.'),
    env: s.env ?? {},
    ...(s.port !== undefined && s.port !== 0 ? { port: s.port } : {}),
    ...(s.database !== undefined ? { database: s.database } : {}),
    ready: readinessOf(s.ready),
    startTimeoutMs: durationMs(s.start_timeout ?? '30s'),
    stopGraceMs: durationMs(s.stop_grace ?? '10s'),
  };
}

function readinessOf(ready: RawServer['ready']): ReadyCheck {
  if (ready === undefined || ready === 'tcp') return { kind: 'tcp' };
  if (ready === 'file') return { kind: 'file' };
  return 'http' in ready ? { kind: 'http', path: ready.http } : { kind: 'log', pattern: new RegExp(ready.log) };
}

/** The runner's own placeholders: lower-case, so they never shadow an environment variable. */
const PLACEHOLDER = /^(port|database_(url|host|port|name|user|password)|server_url:.+)$/;

/**
 * `${port}`, `${database_url}` and `${server_url:<name>}` from `values`; `${VAR}` and `${VAR:-default}`
 * from the environment, as Claude Code expands `.mcp.json`.
 */
export function expandTemplate(text: string, values: Readonly<Record<string, string>>, env: Env, where: string): string {
  return text.replace(/\$\{([^}]*)\}/g, (_m, body: string) => {
    if (PLACEHOLDER.test(body)) {
      const value = values[body];
      if (value === undefined) throw new Error(`${where}: \${${body}} has no value here (${placeholderHint(body)})`);
      return value;
    }
    return expandEnv(`\${${body}}`, env, '', where);
  });
}

function placeholderHint(body: string): string {
  if (body.startsWith('database_')) return 'give the server "database" in the stack definition';
  if (body.startsWith('server_url:')) return 'name a server of the stack that serves http or sse';
  return 'only launched servers get a port';
}

function expandEnv(text: string, env: Env, file: string, where: string): string {
  return text.replace(/\$\{([^}]*)\}/g, (_m, body: string) => {
    const split = body.indexOf(':-');
    const name = split === -1 ? body : body.slice(0, split);
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (split !== -1) return body.slice(split + 2);
    const message = `${where}: environment variable ${name} is not set (use \${${name}:-default} for a default)`;
    throw file ? new McpConfigError(file, message) : new Error(message);
  });
}
