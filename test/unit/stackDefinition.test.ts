// The stack definition's placeholders and where it is found: each rule bites on a probe.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { defaultConfig } from '../../src/mcp/mcpConfig.js';
import { expandTemplate, loadStackDefinition, resolveStackPath } from '../../src/mcp/stackDefinition.js';

const values = { port: '4100', database_url: 'postgres://u@127.0.0.1:9/db', 'server_url:workflow-mcp': 'http://127.0.0.1:4200' };

test('placeholders fill in the runner\'s values, ${VAR} the environment, ${VAR:-x} its default', () => {
  const text = 'p=${port} d=${database_url} w=${server_url:workflow-mcp} h=${HOME_DIR} o=${UNSET_ONE:-11434}';
  expect(expandTemplate(text, values, { HOME_DIR: '/home/q' }, 'env.X')).toBe('p=4100 d=postgres://u@127.0.0.1:9/db w=http://127.0.0.1:4200 h=/home/q o=11434');
});

test('a placeholder without a value says what to give', () => {
  expect(() => expandTemplate('${database_url}', {}, {}, 'servers.a.env.DATABASE_URL')).toThrow('servers.a.env.DATABASE_URL: ${database_url} has no value here (give the server "database" in the stack definition)');
  expect(() => expandTemplate('${server_url:nope}', values, {}, 'servers.a.env.U')).toThrow('${server_url:nope} has no value here (name a server of the stack that serves http or sse)');
  expect(() => expandTemplate('${port}', {}, {}, 'servers.a.args[0]')).toThrow('only launched servers get a port');
  expect(() => expandTemplate('${OLLAMA_BASE_URL}', {}, {}, 'servers.a.env.O')).toThrow('servers.a.env.O: environment variable OLLAMA_BASE_URL is not set (use ${OLLAMA_BASE_URL:-default} for a default)');
});

test('the definition is found beside the MCP configuration, or where MCP_JOURNEYS_STACK says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-stackdef-'));
  try {
    const config = join(dir, '.mcp.json');
    expect(resolveStackPath(config, {})).toBeUndefined();
    writeFileSync(join(dir, '.mcp.stack.json'), '{"servers": {"a": {"command": "x"}}}');
    expect(resolveStackPath(config, {})).toBe(join(dir, '.mcp.stack.json'));
    expect(resolveStackPath(config, { MCP_JOURNEYS_STACK: join(dir, 'other.json') })).toBe(join(dir, 'other.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the embedded stand-ins are one such definition: node entries, ready files, a database each', () => {
  const file = resolveStackPath(defaultConfig, {});
  expect(file).toBeDefined();
  const stack = loadStackDefinition(file ?? '', {});
  expect(Object.keys(stack.servers).sort()).toEqual(['codebase-mcp', 'workflow-mcp']);
  for (const server of Object.values(stack.servers)) {
    expect(server.program?.kind).toBe('node');
    expect(server.ready).toEqual({ kind: 'file' });
    expect(server.database).toBe(true);
  }
});
