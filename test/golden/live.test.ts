// Golden output of `validate --live`: the case is validated against the purpose-built test server over
// stdio (its tools/list and inputSchemas), with a configuration that still lists a tool the server no
// longer has. Output is compared byte for byte with `<case>.err`; UPDATE_GOLDEN=1 rewrites it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { testServerCommand } from '../support/servers/spawn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASE = 'test/golden/live/drift.journey.yaml';

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
    expect(run.stderr).toBe('');
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
