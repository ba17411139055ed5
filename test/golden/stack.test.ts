// Golden output for every stack-definition problem a user can make: the message `validate` (and the
// runner, before any server starts) prints, naming the file, the field, what was expected and found.
// UPDATE_GOLDEN=1 rewrites the files.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = join(ROOT, 'test/golden/stack');

function validate(config: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', MCP_JOURNEYS_STACK: '' };
    execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', 'test/golden/subset', '--mcp-config', config], { cwd: ROOT, env }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stderr });
    });
  });
}

for (const name of readdirSync(CASES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
  test(`stack definition: ${name}`, async () => {
    const run = await validate(join('test/golden/stack', name, 'mcp.json'));
    const golden = join(CASES, name, 'validate.err');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, run.stderr);
    expect(run.stderr).toBe(readFileSync(golden, 'utf8'));
    expect(run.code).toBe(2);
  });
}
