// Golden output of `mcp-journeys record` and `replay`: every refusal of bad arguments, a command that
// cannot start, and a session with no failing call (the TODO on stderr and in the journey it wrote).
// UPDATE_GOLDEN=1 rewrites test/golden/record/*.out.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { expect, test } from '@playwright/test';
import { testServerCommand } from '../support/servers/spawn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/mcp-journeys.js');
const GOLDEN = join(ROOT, 'test/golden/record');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function cli(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve(`$ mcp-journeys ${args.join(' ')}\n[exit ${code}]\n${stderr}${stdout}\n`);
    });
  });
}

test('bad arguments are refused, each with what to give instead', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-record-args-'));
  try {
    const cases = [
      ['record'],
      ['record', '--out', 'session.yaml', '--', 'node', 'server.js'],
      ['record', '--out', 'journeys/a.journey.yaml'],
      ['record', '--out', 'journeys/a.journey.yaml', '--url', 'ftp://example.com/mcp'],
      ['record', '--out', 'journeys/a.journey.yaml', '--url', 'http://127.0.0.1:1/mcp', '--', 'node', 'server.js'],
      ['record', '--out', 'journeys/a.journey.yaml', '--port', '99999', '--url', 'http://127.0.0.1:1/mcp'],
      ['record', '--out', 'journeys/a.journey.yaml', '--port', '8080', '--', 'node', 'server.js'],
      ['record', '--out', 'journeys/a.journey.yaml', '--latency-floor', '0', '--', 'node', 'server.js'],
      ['record', '--out', 'journeys/a.journey.yaml', '--name', 'a b', '--', 'node', 'server.js'],
      ['record', '--out', 'journeys/a.journey.yaml', '--bogus'],
      ['record', '--out', 'journeys/a.journey.yaml', '--finish'],
      ['record', '--out', 'journeys/a.journey.yaml', '--name', 'gone', '--', join(dir, 'no-such-program')],
      ['replay'],
      ['replay', '--recording', 'missing.recording.json'],
    ];
    const runs: string[] = [];
    for (const args of cases) runs.push(await cli(dir, args));
    golden('bad-args.out', runs.join('\n').split(dir).join('<tmp>'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A client of `record … -- <test server>` in `dir`; `stderr()` is what record said so far. */
async function recordingClient(dir: string, out: string): Promise<{ client: Client; pid: number; stderr: () => string; ended: Promise<unknown> }> {
  const server = testServerCommand('test');
  const transport = new StdioClientTransport({
    command: process.execPath, args: [BIN, 'record', '--out', out, '--name', 'test', '--', server.command, ...server.args], cwd: dir, stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer | string) => { stderr += d.toString(); });
  const ended = new Promise((resolve) => transport.stderr?.once('end', resolve));
  const client = new Client({ name: 'claude-code', version: '2.1.203' });
  await client.connect(transport);
  return { client, pid: transport.pid ?? -1, stderr: () => stderr, ended };
}

test('a proxy killed mid-session: --finish writes what it recorded; else the next recording drops it', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-record-finish-'));
  const out = 'journeys/recorded/killed.journey.yaml';
  try {
    const first = await recordingClient(dir, out);
    await first.client.callTool({ name: 'echo', arguments: { text: 'before the kill' } });
    await first.client.callTool({ name: 'fail', arguments: {} });
    process.kill(first.pid, 'SIGKILL');
    await first.ended;
    await first.client.close();
    const finish = await cli(dir, ['record', '--out', out, '--finish']);
    const journey = readFileSync(join(dir, out), 'utf8');
    expect(journey).toContain('text: before the kill');
    expect(journey).toContain('call: test.fail');

    const second = await recordingClient(dir, out);
    await second.client.callTool({ name: 'echo', arguments: { text: 'lost' } });
    process.kill(second.pid, 'SIGKILL');
    await second.ended;
    await second.client.close();
    const third = await recordingClient(dir, out);
    await third.client.callTool({ name: 'echo', arguments: { text: 'kept' } });
    await third.client.close();
    await third.ended;
    const rewritten = readFileSync(join(dir, out), 'utf8');
    expect(rewritten).toContain('text: kept');
    expect(rewritten).not.toContain('text: lost');
    golden('killed.out', `${finish}
$ (a recording killed, then a new one into the same --out)
${third.stderr()}`);
    expect(await cli(dir, ['record', '--out', out, '--finish'])).toContain('no recording under way');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a session without a failing call: a TODO on stderr and in the journey, which still validates', async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-record-todo-'));
  try {
    const server = testServerCommand('test');
    const transport = new StdioClientTransport({
      command: process.execPath, args: [BIN, 'record', '--out', 'journeys/recorded/echo.journey.yaml', '--name', 'test', '--', server.command, ...server.args],
      cwd: dir, stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer | string) => { stderr += d.toString(); });
    const ended = new Promise((resolve) => transport.stderr?.once('end', resolve));
    const client = new Client({ name: 'claude-code', version: '2.1.203' });
    await client.connect(transport);
    await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    await client.close();
    await ended;
    const file = join(dir, 'journeys/recorded/echo.journey.yaml');
    const journey = readFileSync(file, 'utf8').replace(/^test_id: .*$/m, 'test_id: <uuid>').replace(/^# yaml-language-server: .*$/m, '# yaml-language-server: <schema line>');
    golden('no-error-case.out', `${stderr}\n--- journeys/recorded/echo.journey.yaml\n${journey}`);
    writeFileSync(join(dir, 'mcp.json'), JSON.stringify({ mcpServers: { test: { command: server.command, args: server.args, tools: ['echo'] } } }));
    const validate = await cli(dir, ['validate', '--mcp-config', 'mcp.json', 'journeys']);
    expect(validate).toContain('1 journey valid');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
