import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
// Allure 3's own reader of environment.properties: the oracle for what the report will show.
import { parseProperties as allureParse } from '../../node_modules/@allurereport/reader/dist/properties.js';
import { environmentEntries, mergeEnvironment, writeEnvironment } from '../../src/report/environment.js';
import type { ServerEnvironment } from '../../src/report/environment.js';
import { formatProperties, parseProperties } from '../../src/report/properties.js';

const runner = { node: 'v20.20.2', platform: 'linux x64', cpus: 2 };
const workflow: ServerEnvironment = { name: 'workflow-mcp', serverName: 'workflow-mcp', serverVersion: '0.3.1', transport: 'http', address: 'http://127.0.0.1:41001/mcp' };
const codebase: ServerEnvironment = { name: 'codebase-mcp', serverName: 'codebase', serverVersion: '1.0.0', transport: 'stdio', address: 'node server.js --db postgres://cb:pw@127.0.0.1:5432/cb' };

test('entries name each server, its initialize name and version, transport and address; then the machine', () => {
  expect(environmentEntries([workflow, codebase], runner)).toEqual({
    'codebase-mcp.name': 'codebase',
    'codebase-mcp.version': '1.0.0',
    'codebase-mcp.transport': 'stdio',
    'codebase-mcp.command': 'node server.js --db postgres://cb:***@127.0.0.1:5432/cb',
    'workflow-mcp.name': 'workflow-mcp',
    'workflow-mcp.version': '0.3.1',
    'workflow-mcp.transport': 'http',
    'workflow-mcp.url': 'http://127.0.0.1:41001/mcp',
    node: 'v20.20.2',
    platform: 'linux x64',
    cpus: '2',
  });
});

test('properties escaping survives Allure\'s reader and ours: separators, spaces, newlines, unicode', () => {
  const entries = {
    'key with spaces': ' leading space, trailing ',
    'a=b:c#d!e': 'x=y:z # not a comment ! either',
    'back\\slash': 'C:\\path\\to\\tool --flag',
    multi: 'line one\nline two\r\ttabbed',
    'ünïcode': 'snow ☃ and astral 𝄞 and ctrl \u0001',
    empty: '',
  };
  const text = formatProperties(entries);
  expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  expect(allureParse(text)).toEqual(entries);
  expect(parseProperties(text)).toEqual(entries);
});

test('our reader reads plain hand-written properties like Java does', () => {
  const text = '# comment\n! also comment\n  a = 1\nb:2\nc 3\nlong = first \\\n   second\nempty\n';
  expect(parseProperties(text)).toEqual({ a: '1', b: '2', c: '3', long: 'first second', empty: '' });
  expect(allureParse(text)).toEqual(parseProperties(text));
});

test('merging is a union per key and does not depend on which worker writes first', () => {
  const w1 = environmentEntries([workflow], runner);
  const w2 = environmentEntries([{ ...workflow, address: 'http://127.0.0.1:41002/mcp' }, codebase], runner);
  const a = mergeEnvironment(mergeEnvironment({}, w1), w2);
  const b = mergeEnvironment(mergeEnvironment({}, w2), w1);
  expect(a).toEqual(b);
  expect(a['workflow-mcp.url']).toBe('http://127.0.0.1:41001/mcp, http://127.0.0.1:41002/mcp');
  expect(a['workflow-mcp.version']).toBe('0.3.1');
  expect(a['codebase-mcp.transport']).toBe('stdio');
  expect(mergeEnvironment(a, w1)).toEqual(a);
});

test('writeEnvironment merges into the results dir file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-env-'));
  try {
    writeEnvironment(dir, [workflow], runner);
    const file = writeEnvironment(dir, [codebase], runner);
    const written = allureParse(readFileSync(file, 'utf8'));
    expect(written['workflow-mcp.url']).toBe('http://127.0.0.1:41001/mcp');
    expect(written['codebase-mcp.version']).toBe('1.0.0');
    expect(written['node']).toBe('v20.20.2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
