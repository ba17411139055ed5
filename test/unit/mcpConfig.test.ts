import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { loadMcpConfig, McpConfigError, parseMcpConfig, resolveMcpConfigPath } from '../../src/mcp/mcpConfig.js';

const FILE = '/p/.mcp.json';

test('a Claude Code .mcp.json: stdio by default when a command is given, sse and http by type', () => {
  const config = parseMcpConfig({
    mcpServers: {
      'codebase-mcp': { command: 'node', args: ['server.js', '--port', '${PORT:-0}'], env: { DATABASE_URL: '${DB}' } },
      'workflow-mcp': { type: 'http', url: 'http://127.0.0.1:${WF_PORT}/mcp', headers: { Authorization: 'Bearer ${TOKEN:-none}' }, tools: ['create_project'] },
      legacy: { type: 'sse', url: 'http://localhost:9/sse' },
    },
  }, FILE, { DB: 'postgres://x', WF_PORT: '8123' });
  expect(config.source).toBe(FILE);
  expect(config.servers['codebase-mcp']).toEqual({
    name: 'codebase-mcp', type: 'stdio', command: 'node', args: ['server.js', '--port', '0'], env: { DATABASE_URL: 'postgres://x' },
  });
  expect(config.servers['workflow-mcp']).toEqual({
    name: 'workflow-mcp', type: 'http', url: 'http://127.0.0.1:8123/mcp', headers: { Authorization: 'Bearer none' }, tools: ['create_project'],
  });
  expect(config.servers['legacy']?.type).toBe('sse');
});

test('${VAR:-default} uses the default when the variable is unset or empty; ${VAR} keeps an empty value', () => {
  const config = parseMcpConfig({ mcpServers: { s: { command: '${A:-a}', args: ['${B:-b}', '${C}', 'x${A:-}y'] } } }, FILE, { B: '', C: '' });
  expect(config.servers['s']?.command).toBe('a');
  expect(config.servers['s']?.args).toEqual(['b', '', 'xy']);
});

test('expansion reads the given env map, not process.env', () => {
  process.env['MCP_CONFIG_TEST_ONLY_IN_PROCESS'] = 'leaked';
  try {
    expect(() => parseMcpConfig({ mcpServers: { s: { command: '${MCP_CONFIG_TEST_ONLY_IN_PROCESS}' } } }, FILE, {}))
      .toThrow('mcpServers.s.command: environment variable MCP_CONFIG_TEST_ONLY_IN_PROCESS is not set');
  } finally {
    delete process.env['MCP_CONFIG_TEST_ONLY_IN_PROCESS'];
  }
});

test('bad entries are named with the file, the entry and the field', () => {
  const bad = (servers: unknown) => () => parseMcpConfig({ mcpServers: servers }, FILE, {});
  expect(bad({ s: { url: 'http://x' } })).toThrow(/\.mcp\.json: mcpServers\.s\.type: missing: give "command" for a stdio server/);
  expect(bad({ s: { type: 'websocket', url: 'ws://x' } })).toThrow('mcpServers.s.type: expected "stdio", "sse", "http" or "replay", found "websocket"');
  expect(bad({ s: { type: 'http' } })).toThrow('mcpServers.s.url: missing (expected a string)');
  expect(bad({ s: { type: 'http', url: 'not a url' } })).toThrow('mcpServers.s.url: not a valid URL: "not a url"');
  expect(bad({ s: { command: 'node', args: ['a', 3] } })).toThrow('mcpServers.s.args[1]: expected a string, found number');
  expect(bad({ s: { command: 'node', env: { A: 1 } } })).toThrow('mcpServers.s.env.A: expected a string, found number');
  expect(bad({ s: 'node' })).toThrow('mcpServers.s: expected an object, found "node"');
  expect(bad({ s: { command: '${1BAD}' } })).toThrow('mcpServers.s.command: bad variable reference ${1BAD}');
  expect(() => parseMcpConfig({ servers: {} }, FILE, {})).toThrow(McpConfigError);
});

test('a replay entry runs `mcp-journeys replay` on its recording, relative to the config file, as a stdio server', () => {
  const config = parseMcpConfig({
    mcpServers: {
      'codebase-mcp': { type: 'replay', recording: 'recorded/first.recording.json' },
      other: { type: 'replay', recording: '/abs/r.recording.json', server: 'codebase-mcp' },
    },
  }, FILE, {});
  const entry = config.servers['codebase-mcp'];
  expect(entry?.type).toBe('stdio');
  expect(entry?.command).toBe(process.execPath);
  expect(entry?.args?.slice(1)).toEqual(['replay', '--recording', '/p/recorded/first.recording.json', '--server', 'codebase-mcp']);
  expect(entry?.args?.[0]).toMatch(/bin[\\/]mcp-journeys\.js$/);
  expect(config.servers['other']?.replay).toEqual({ recording: '/abs/r.recording.json', server: 'codebase-mcp' });
  const bad = (raw: unknown) => () => parseMcpConfig({ mcpServers: { s: raw } }, FILE, {});
  expect(bad({ type: 'replay' })).toThrow('mcpServers.s.recording: missing (expected a string)');
  expect(bad({ type: 'replay', recording: 'r.json', url: 'http://x' })).toThrow('mcpServers.s.url: unknown key for a "replay" server (known: type, recording, server, tools)');
});

test('loadMcpConfig names the file for unreadable and malformed JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-config-'));
  try {
    const file = join(dir, 'mcp.json');
    expect(() => loadMcpConfig(file)).toThrow(`${file}: cannot read the MCP config (ENOENT)`);
    writeFileSync(file, '{ "mcpServers": { ');
    expect(() => loadMcpConfig(file)).toThrow(`${file}: not valid JSON`);
    writeFileSync(file, JSON.stringify({ mcpServers: { s: { type: 'http', url: '${U:-http://localhost:1/mcp}' } } }));
    expect(loadMcpConfig(file, {}).servers['s']?.url).toBe('http://localhost:1/mcp');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('config selection: option, else MCP_JOURNEYS_MCP_CONFIG, else fixtures/mcp.json', () => {
  expect(resolveMcpConfigPath('my.json', { MCP_JOURNEYS_MCP_CONFIG: 'env.json' })).toBe(resolve('my.json'));
  expect(resolveMcpConfigPath(undefined, { MCP_JOURNEYS_MCP_CONFIG: 'env.json' })).toBe(resolve('env.json'));
  expect(resolveMcpConfigPath(undefined, {})).toMatch(/[/\\]fixtures[/\\]mcp\.json$/);
});

test('an oauth block: Claude Code keys, and a client secret or key for CI, `${VAR}` expanded', () => {
  const config = parseMcpConfig({
    mcpServers: {
      signin: { type: 'http', url: 'https://mcp.example.com/mcp', oauth: { clientId: 'app', callbackPort: 8080, scopes: 'read write', authServerMetadataUrl: 'https://auth.example.com/.well-known/oauth-authorization-server' } },
      ci: { type: 'sse', url: 'https://mcp.example.com/sse', oauth: { grantType: 'client_credentials', clientId: 'ci', clientSecret: '${CI_SECRET}' } },
      jwt: { type: 'http', url: 'https://mcp.example.com/mcp', oauth: { grantType: 'client_credentials', clientId: 'ci', privateKey: '${KEY}', signingAlgorithm: 'ES256' } },
      local: { type: 'http', url: 'http://127.0.0.1:9/mcp', oauth: { authServerMetadataUrl: 'http://localhost:9/.well-known/oauth-authorization-server' } },
    },
  }, FILE, { CI_SECRET: 's3cret', KEY: 'pem' });
  expect(config.servers['signin']?.oauth).toEqual({ grantType: 'authorization_code', clientId: 'app', callbackPort: 8080, scopes: 'read write', authServerMetadataUrl: 'https://auth.example.com/.well-known/oauth-authorization-server' });
  expect(config.servers['ci']?.oauth).toEqual({ grantType: 'client_credentials', clientId: 'ci', clientSecret: 's3cret' });
  expect(config.servers['jwt']?.oauth).toEqual({ grantType: 'client_credentials', clientId: 'ci', privateKey: 'pem', signingAlgorithm: 'ES256' });
  expect(config.servers['local']?.oauth?.grantType).toBe('authorization_code');
});

test('an oauth value from the environment is checked for its form only at sign-in (server listing expands every variable to a placeholder)', () => {
  const anyEnv = new Proxy({}, { get: () => '1' }) as Record<string, string>;
  const config = parseMcpConfig({
    mcpServers: { ci: { type: 'http', url: 'https://mcp.example.com/mcp', oauth: { grantType: 'client_credentials', clientId: 'ci', privateKey: '${KEY}', signingAlgorithm: '${ALG:-ES256}' } } },
  }, FILE, anyEnv);
  expect(config.servers['ci']?.oauth?.signingAlgorithm).toBe('1');
  expect(() => parseMcpConfig({ mcpServers: { s: { type: 'http', url: 'https://m.example.com/mcp', oauth: { authServerMetadataUrl: '${META}' } } } }, FILE, anyEnv)).not.toThrow();
  expect(() => parseMcpConfig({ mcpServers: { s: { type: 'http', url: 'https://m.example.com/mcp', oauth: { authServerMetadataUrl: '1' } } } }, FILE, anyEnv)).toThrow('not a valid URL');
});

test('an oauth block that cannot work is refused, naming the key and why', () => {
  const refused = (server: Record<string, unknown>): string => {
    try {
      parseMcpConfig({ mcpServers: { s: { type: 'http', url: 'https://mcp.example.com/mcp', ...server } } }, FILE, {});
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };
  const cases: [Record<string, unknown>, string][] = [
    [{ type: 'stdio', command: 'x', url: undefined, oauth: {} }, 'mcpServers.s.oauth: OAuth is for "http" and "sse" servers; a stdio server takes its credentials from "env"'],
    [{ oauth: 'yes' }, 'mcpServers.s.oauth: expected an object, found "yes"'],
    [{ oauth: { clientID: 'x' } }, 'mcpServers.s.oauth.clientID: unknown key (known: clientId, clientSecret, callbackPort, scopes, authServerMetadataUrl, grantType, privateKey, signingAlgorithm, clientMetadataUrl)'],
    [{ oauth: { grantType: 'password' } }, 'mcpServers.s.oauth.grantType: expected "authorization_code" or "client_credentials", found "password"'],
    [{ oauth: { callbackPort: 70000 } }, 'mcpServers.s.oauth.callbackPort: expected a port number (1 to 65535), found number'],
    [{ oauth: { callbackPort: '8080' } }, 'mcpServers.s.oauth.callbackPort: expected a port number (1 to 65535), found "8080"'],
    [{ oauth: { scopes: ' ' } }, 'mcpServers.s.oauth.scopes: empty'],
    [{ oauth: { scopes: ['a'] } }, 'mcpServers.s.oauth.scopes: expected a string, found an array'],
    [{ oauth: { authServerMetadataUrl: 'http://auth.example.com/meta' } }, 'mcpServers.s.oauth.authServerMetadataUrl: expected an https URL, found "http://auth.example.com/meta"'],
    [{ oauth: { authServerMetadataUrl: 'not a url' } }, 'mcpServers.s.oauth.authServerMetadataUrl: not a valid URL: "not a url"'],
    [{ oauth: { clientMetadataUrl: 'https://app.example.com/' } }, 'mcpServers.s.oauth.clientMetadataUrl: expected an https URL with a path, found "https://app.example.com/"'],
    [{ oauth: { clientMetadataUrl: 'http://localhost/client.json' } }, 'mcpServers.s.oauth.clientMetadataUrl: expected an https URL, found "http://localhost/client.json"'],
    [{ oauth: { clientSecret: 'x' } }, 'mcpServers.s.oauth.clientSecret: given without "clientId": whose is it?'],
    [{ oauth: { grantType: 'client_credentials', clientId: 'a', clientSecret: 'x', privateKey: 'k' } }, 'mcpServers.s.oauth: give "clientSecret" or "privateKey", not both'],
    [{ oauth: { grantType: 'client_credentials', clientId: 'a', clientSecret: 'x', signingAlgorithm: 'ES256' } }, 'mcpServers.s.oauth.signingAlgorithm: given without "privateKey"'],
    [{ oauth: { grantType: 'client_credentials', clientId: 'a', privateKey: 'k', signingAlgorithm: 'none' } }, 'mcpServers.s.oauth.signingAlgorithm: expected one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, found "none"'],
    [{ oauth: { grantType: 'client_credentials', clientId: 'a' } }, 'mcpServers.s.oauth.grantType: "client_credentials" needs "clientId" with "clientSecret" or "privateKey"'],
    [{ oauth: { grantType: 'client_credentials', clientId: 'a', clientSecret: 'x', callbackPort: 8080 } }, 'mcpServers.s.oauth.callbackPort: "client_credentials" has no redirect, so no callback port'],
    [{ oauth: { clientId: 'a', privateKey: 'k' } }, 'mcpServers.s.oauth.privateKey: only for "grantType": "client_credentials"'],
    [{ oauth: { clientId: '${UNSET}' } }, 'mcpServers.s.oauth.clientId: environment variable UNSET is not set (use ${UNSET:-default} for a default)'],
  ];
  for (const [server, message] of cases) expect(refused(server), JSON.stringify(server)).toBe(`${FILE}: ${message}`);
});

test('the README\'s OAuth .mcp.json example is a valid configuration', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const block = /<!-- oauth \.mcp\.json -->\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
  const config = parseMcpConfig(JSON.parse(block ?? 'null'), 'README.md', { CI_TOOLS_SECRET: 's', CI_KEY_PEM: 'pem' });
  expect(Object.values(config.servers).map((s) => s.oauth?.grantType)).toEqual(['authorization_code', 'client_credentials', 'client_credentials']);
});

test('the README\'s record and replay .mcp.json examples are valid configurations', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const block = (marker: string) => JSON.parse(new RegExp(`<!-- ${marker} \\.mcp\\.json -->\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(readme)?.[1] ?? 'null') as unknown;
  const record = parseMcpConfig(block('record'), '/p/.mcp.json', {});
  expect(record.servers['codebase-mcp']?.args?.slice(0, 3)).toEqual(['mcp-journeys', 'record', '--out']);
  const replay = parseMcpConfig(block('replay'), '/p/.mcp.json', {});
  expect(replay.servers['codebase-mcp']?.replay).toEqual({ recording: '/p/journeys/recorded/login.recording.json', server: 'codebase-mcp' });
});
