// Golden output of `validate --live`: the case is validated against the purpose-built test server over
// stdio (its tools/list and inputSchemas), with a configuration that still lists a tool the server no
// longer has. Output is compared byte for byte with `<case>.err`; UPDATE_GOLDEN=1 rewrites it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { testServerCommand } from '../support/servers/spawn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASE = 'test/golden/live/drift.journey.yaml';
const BROKEN = 'test/golden/live/broken.journey.yaml';
const INTENT = 'test/golden/live/intent.journey.yaml';

/** What the command says on stderr about the settings it used (src/cli/settings.ts). */
function settingsLine(config: string): string {
  return `config playwright.config.ts, MCP config ${relative(ROOT, config)} (--mcp-config)\n`;
}

test('validate --live: arguments against inputSchema and tool names against tools/list', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-golden-live-'));
  try {
    const config = join(dir, 'mcp.json');
    const { command, args } = testServerCommand('test');
    writeFileSync(config, JSON.stringify({ mcpServers: { test: { type: 'stdio', command, args, tools: ['echo', 'add', 'fail', 'retired'] } } }));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', '--live', CASE, '--mcp-config', config],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
        });
    });
    const golden = join(ROOT, 'test/golden/live/drift.err');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, run.stdout);
    expect(run.stderr).toBe(settingsLine(config));
    expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
    expect(run.code).toBe(1);
    // Without --live the same journey is valid: only the server knows what is wrong.
    const plain = await new Promise<number>((resolve) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', CASE, '--mcp-config', config], { cwd: ROOT }, (error) => {
        resolve(error ? (typeof error.code === 'number' ? error.code : 2) : 0);
      });
    });
    expect(plain).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate --live: a file with structural errors still gets the live checks of its well-formed steps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-golden-live-'));
  try {
    const config = join(dir, 'mcp.json');
    const { command, args } = testServerCommand('test');
    writeFileSync(config, JSON.stringify({ mcpServers: { test: { type: 'stdio', command, args, tools: ['echo', 'add', 'fail', 'retired'] } } }));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', '--live', BROKEN, '--mcp-config', config],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
        });
    });
    const golden = join(ROOT, 'test/golden/live/broken.err');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, run.stdout);
    expect(run.stderr).toBe(settingsLine(config));
    expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
    expect(run.code).toBe(1);
    // The live errors are there beside the structural ones, and the tool name is reported once.
    const codes = [...run.stdout.matchAll(/ error (JOURNEY_[A-Z_]+) /g)].map((m) => m[1]);
    expect(codes).toEqual(expect.arrayContaining(['JOURNEY_UNKNOWN_KEY', 'JOURNEY_LIVE_ARGS', 'JOURNEY_LIVE_TOOL', 'JOURNEY_UNKNOWN_TOOL']));
    expect(run.stdout).not.toContain('"nope" (tools/list)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate --live: a server that cannot be reached is named, with a hint, and nothing else runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-golden-live-'));
  try {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const config = join(dir, 'mcp.json');
    writeFileSync(config, JSON.stringify({ mcpServers: { test: { type: 'http', url: `http://127.0.0.1:${port}/mcp`, tools: ['echo', 'add', 'fail', 'retired'] } } }));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', '--live', CASE, '--mcp-config', config],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
        });
    });
    const output = run.stdout.split(relative(ROOT, config)).join('<dir>/mcp.json').split(`:${port}/`).join(':<port>/');
    const golden = join(ROOT, 'test/golden/live/unreachable.err');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, output);
    expect(run.stderr).toBe(settingsLine(config));
    expect(output).toBe(readFileSync(golden, 'utf8'));
    expect(run.code).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('validate --live: steps that expect the refusal send bad arguments on purpose (a note, not an error)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-golden-live-'));
  try {
    const config = join(dir, 'mcp.json');
    const { command, args } = testServerCommand('test');
    writeFileSync(config, JSON.stringify({ mcpServers: { test: { type: 'stdio', command, args, tools: ['echo', 'add', 'bad', 'retired'] } } }));
    const validate = (format: string) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', '--live', INTENT, '--mcp-config', config, '--format', format],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
        });
    });
    const [text, json] = [await validate('text'), await validate('json')];
    const golden = join(ROOT, 'test/golden/live/intent.err');
    const goldenJson = join(ROOT, 'test/golden/live/intent.json');
    if (process.env['UPDATE_GOLDEN']) {
      writeFileSync(golden, text.stdout);
      writeFileSync(goldenJson, json.stdout);
    }
    expect(text.stderr).toBe(settingsLine(config));
    expect(text.stdout).toBe(readFileSync(golden, 'utf8'));
    expect(json.stdout).toBe(readFileSync(goldenJson, 'utf8'));
    // Only the step that expects a result, and the unknown tool, are errors.
    expect([text.code, json.code]).toEqual([1, 1]);
    const entries = JSON.parse(json.stdout) as { severity: string; code: string; start: { line: number }; sent_on_purpose?: boolean }[];
    expect(entries.filter((e) => e.severity === 'error').map((e) => [e.code, e.start.line])).toEqual([['JOURNEY_LIVE_ARGS', 21], ['JOURNEY_LIVE_TOOL', 24]]);
    expect(entries.filter((e) => e.sent_on_purpose).map((e) => e.start.line)).toEqual([9, 13, 17]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
