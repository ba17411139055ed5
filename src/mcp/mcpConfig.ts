// Claude Code's `.mcp.json` format, so users can point the runner at the same servers they use in Claude Code.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { messageOf } from '../common/messageOf.js';
import { CLI_BIN, EMBEDDED_MCP_CONFIG } from '../common/paths.js';
import { resolveSettings } from '../common/projectSettings.js';
import type { McpConfig, OAuthSettings, ServerEntry, TransportKind } from './types.js';

export type Env = Record<string, string | undefined>;

/** A config file that cannot be used; the message names the file and, when known, the entry and field. */
export class McpConfigError extends Error {
  override readonly name = 'McpConfigError';
  constructor(readonly file: string, message: string) {
    super(`${displayPath(file)}: ${message}`);
  }
}

/** The embedded stack's configuration: the project's default, and one of its configurations whatever is active. */
export const defaultConfig = EMBEDDED_MCP_CONFIG;

/** The `--mcp-config` option, else `MCP_JOURNEYS_MCP_CONFIG`, else `.mcp.json` in the working directory
 * when there is one, else the embedded stack's (src/common/projectSettings.ts). */
export function resolveMcpConfigPath(option?: string, env: Env = process.env): string {
  return resolveSettings({ flags: { mcpConfig: option }, env }).mcpConfig.value;
}

export function loadMcpConfig(file: string, env: Env = process.env): McpConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new McpConfigError(file, `cannot read the MCP config (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new McpConfigError(file, `not valid JSON: ${messageOf(error)}`);
  }
  return parseMcpConfig(json, file, env);
}

/** Validates and expands an already-parsed `.mcp.json` document. */
export function parseMcpConfig(json: unknown, file: string, env: Env = process.env): McpConfig {
  if (!isRecord(json) || !isRecord(json['mcpServers'])) {
    throw new McpConfigError(file, 'expected an object with "mcpServers": { "<name>": { ... } }');
  }
  const servers: Record<string, ServerEntry> = {};
  for (const [name, raw] of Object.entries(json['mcpServers'])) {
    servers[name] = parseEntry(name, raw, new Field(file, `mcpServers.${name}`, env));
  }
  return { source: file, servers };
}

function parseEntry(name: string, raw: unknown, at: Field): ServerEntry {
  if (!isRecord(raw)) throw at.error(`expected an object, found ${describe(raw)}`);
  if (raw['type'] === 'replay') return replayEntry(name, raw, at);
  const type = raw['type'] ?? (raw['command'] !== undefined ? 'stdio' : undefined);
  if (type !== 'stdio' && type !== 'sse' && type !== 'http') {
    throw at.child('type').error(type === undefined
      ? 'missing: give "command" for a stdio server, or "type": "http" | "sse" with a "url"'
      : `expected "stdio", "sse", "http" or "replay", found ${describe(type)}`);
  }
  const entry: ServerEntry = { name, type: type satisfies TransportKind };
  if (type === 'stdio') {
    entry.command = at.child('command').string(raw['command'], true);
    if (raw['args'] !== undefined) entry.args = at.child('args').strings(raw['args']);
    if (raw['env'] !== undefined) entry.env = at.child('env').map(raw['env']);
    if (raw['cwd'] !== undefined) entry.cwd = at.child('cwd').string(raw['cwd'], true);
  } else {
    const url = at.child('url').string(raw['url'], true);
    try {
      new URL(url);
    } catch {
      throw at.child('url').error(`not a valid URL: ${JSON.stringify(url)}`);
    }
    entry.url = url;
    if (raw['headers'] !== undefined) entry.headers = at.child('headers').map(raw['headers']);
  }
  if (raw['oauth'] !== undefined) {
    if (type === 'stdio') throw at.child('oauth').error('OAuth is for "http" and "sse" servers; a stdio server takes its credentials from "env"');
    entry.oauth = parseOAuth(raw['oauth'], at.child('oauth'));
  }
  if (raw['tools'] !== undefined) entry.tools = at.child('tools').strings(raw['tools'], false);
  return entry;
}

/** `{ "type": "replay", "recording": "<file>.recording.json", "server"?: "<name in it>" }`: the recording
 * served by `mcp-journeys replay` as a stdio server, so it runs wherever a stdio server does (the relay,
 * faults, server steps). `server` defaults to the entry's own name; the path is the config file's. */
function replayEntry(name: string, raw: Record<string, unknown>, at: Field): ServerEntry {
  const unknown = Object.keys(raw).find((key) => !['type', 'recording', 'server', 'tools'].includes(key));
  if (unknown !== undefined) throw at.child(unknown).error('unknown key for a "replay" server (known: type, recording, server, tools)');
  const recording = resolve(dirname(at.file), at.child('recording').string(raw['recording'], true));
  const server = raw['server'] === undefined ? name : at.child('server').string(raw['server'], true);
  const entry: ServerEntry = {
    name, type: 'stdio', command: process.execPath, args: [CLI_BIN, 'replay', '--recording', recording, '--server', server],
    replay: { recording, server },
  };
  if (raw['tools'] !== undefined) entry.tools = at.child('tools').strings(raw['tools'], false);
  return entry;
}

const OAUTH_KEYS = ['clientId', 'clientSecret', 'callbackPort', 'scopes', 'authServerMetadataUrl', 'grantType', 'privateKey', 'signingAlgorithm', 'clientMetadataUrl'];
const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** An entry's `oauth` block. A mistake here would only show as a failed sign-in at run time, so every
 * key is checked, and combinations that cannot work are refused. */
function parseOAuth(raw: unknown, at: Field): OAuthSettings {
  if (!isRecord(raw)) throw at.error(`expected an object, found ${describe(raw)}`);
  const unknown = Object.keys(raw).find((key) => !OAUTH_KEYS.includes(key));
  if (unknown !== undefined) throw at.child(unknown).error(`unknown key (known: ${OAUTH_KEYS.join(', ')})`);
  const text = (key: string): string | undefined => {
    if (raw[key] === undefined) return undefined;
    const value = at.child(key).string(raw[key], true);
    if (value.trim() === '') throw at.child(key).error('empty');
    return value;
  };
  const grant = raw['grantType'] ?? 'authorization_code';
  if (grant !== 'authorization_code' && grant !== 'client_credentials') {
    throw at.child('grantType').error(`expected "authorization_code" or "client_credentials", found ${describe(grant)}`);
  }
  const settings: OAuthSettings = { grantType: grant };
  for (const key of ['clientId', 'clientSecret', 'scopes', 'privateKey', 'signingAlgorithm'] as const) {
    const value = text(key);
    if (value !== undefined) settings[key] = value;
  }
  const port = raw['callbackPort'];
  if (port !== undefined) {
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw at.child('callbackPort').error(`expected a port number (1 to 65535), found ${describe(port)}`);
    }
    settings.callbackPort = port;
  }
  // A value from the environment is only known at run time (listing servers expands every variable to
  // a placeholder): its form is then checked by the sign-in that uses it.
  const templated = (key: string): boolean => typeof raw[key] === 'string' && raw[key].includes('${');
  const metadataUrl = text('authServerMetadataUrl');
  if (metadataUrl !== undefined) settings.authServerMetadataUrl = templated('authServerMetadataUrl') ? metadataUrl : secureUrl(metadataUrl, at.child('authServerMetadataUrl'), false);
  const documentUrl = text('clientMetadataUrl');
  if (documentUrl !== undefined) settings.clientMetadataUrl = templated('clientMetadataUrl') ? documentUrl : secureUrl(documentUrl, at.child('clientMetadataUrl'), true);
  if (settings.signingAlgorithm !== undefined && !templated('signingAlgorithm') && !SIGNING_ALGORITHMS.includes(settings.signingAlgorithm)) {
    throw at.child('signingAlgorithm').error(`expected one of ${SIGNING_ALGORITHMS.join(', ')}, found ${describe(settings.signingAlgorithm)}`);
  }
  const needsId = (['clientSecret', 'privateKey'] as const).find((key) => settings[key] !== undefined);
  if (needsId !== undefined && settings.clientId === undefined) throw at.child(needsId).error('given without "clientId": whose is it?');
  if (settings.clientSecret !== undefined && settings.privateKey !== undefined) throw at.error('give "clientSecret" or "privateKey", not both');
  if (settings.signingAlgorithm !== undefined && settings.privateKey === undefined) throw at.child('signingAlgorithm').error('given without "privateKey"');
  if (grant === 'client_credentials') {
    if (settings.clientSecret === undefined && settings.privateKey === undefined) {
      throw at.child('grantType').error('"client_credentials" needs "clientId" with "clientSecret" or "privateKey"');
    }
    if (settings.callbackPort !== undefined) throw at.child('callbackPort').error('"client_credentials" has no redirect, so no callback port');
  } else if (settings.privateKey !== undefined) {
    throw at.child('privateKey').error('only for "grantType": "client_credentials"');
  }
  return settings;
}

/** https, or http on this machine (a test authorization server); a metadata document needs a path too. */
function secureUrl(value: string, at: Field, needsPath: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw at.error(`not a valid URL: ${JSON.stringify(value)}`);
  }
  const local = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(local && !needsPath)) throw at.error(`expected an https URL, found ${JSON.stringify(value)}`);
  if (needsPath && url.pathname === '/') throw at.error(`expected an https URL with a path, found ${JSON.stringify(value)}`);
  return value;
}

/** A position in the document, for messages, and the expansion of `${VAR}` / `${VAR:-default}` there. */
class Field {
  constructor(readonly file: string, readonly path: string, readonly env: Env) {}

  child(key: string | number): Field {
    return new Field(this.file, typeof key === 'number' ? `${this.path}[${key}]` : `${this.path}.${key}`, this.env);
  }

  error(message: string): McpConfigError {
    return new McpConfigError(this.file, `${this.path}: ${message}`);
  }

  string(value: unknown, expand: boolean): string {
    if (value === undefined) throw this.error('missing (expected a string)');
    if (typeof value !== 'string') throw this.error(`expected a string, found ${describe(value)}`);
    return expand ? this.expand(value) : value;
  }

  strings(value: unknown, expand = true): string[] {
    if (!Array.isArray(value)) throw this.error(`expected an array of strings, found ${describe(value)}`);
    return value.map((item, i) => this.child(i).string(item, expand));
  }

  map(value: unknown): Record<string, string> {
    if (!isRecord(value)) throw this.error(`expected an object of strings, found ${describe(value)}`);
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.child(key).string(item, true);
    return out;
  }

  expand(value: string): string {
    return value.replace(/\$\{([^}]*)\}/g, (_match, body: string) => {
      const split = body.indexOf(':-');
      const name = split === -1 ? body : body.slice(0, split);
      const fallback = split === -1 ? undefined : body.slice(split + 2);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw this.error(`bad variable reference \${${body}}`);
      const found = this.env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      if (found !== undefined) return found;
      throw this.error(`environment variable ${name} is not set (use \${${name}:-default} for a default)`);
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/** Relative to the working directory when inside it, else as given. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
