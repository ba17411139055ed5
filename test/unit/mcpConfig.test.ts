import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
  expect(bad({ s: { type: 'websocket', url: 'ws://x' } })).toThrow('mcpServers.s.type: expected "stdio", "sse" or "http", found "websocket"');
  expect(bad({ s: { type: 'http' } })).toThrow('mcpServers.s.url: missing (expected a string)');
  expect(bad({ s: { type: 'http', url: 'not a url' } })).toThrow('mcpServers.s.url: not a valid URL: "not a url"');
  expect(bad({ s: { command: 'node', args: ['a', 3] } })).toThrow('mcpServers.s.args[1]: expected a string, found number');
  expect(bad({ s: { command: 'node', env: { A: 1 } } })).toThrow('mcpServers.s.env.A: expected a string, found number');
  expect(bad({ s: 'node' })).toThrow('mcpServers.s: expected an object, found "node"');
  expect(bad({ s: { command: '${1BAD}' } })).toThrow('mcpServers.s.command: bad variable reference ${1BAD}');
  expect(() => parseMcpConfig({ servers: {} }, FILE, {})).toThrow(McpConfigError);
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
