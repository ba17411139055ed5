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

// The traits come from the real configuration files: a stdio server is launched, an sse URL without a
// stack command is only connected to, so the validator's rules fire from the CLI too.
test('server and http steps are checked against what the configuration launches', async () => {
  const mcp = join('test/golden/stack-traits/mcp.json');
  const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', 'test/golden/traits/server-not-launched.journey.yaml', 'test/golden/traits/http-stdio.journey.yaml', '--mcp-config', mcp],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', MCP_JOURNEYS_STACK: '' } }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
  });
  expect(run.stdout).toContain('JOURNEY_SERVER_NOT_LAUNCHED');
  expect(run.stdout).toContain('JOURNEY_HTTP_STDIO');
  expect(run.code).toBe(1);
  // With a command for workflow-mcp in the stack definition, it is launched and the restart is valid.
  const launched = await new Promise<string>((resolve) => {
    execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', 'test/golden/traits/server-not-launched.journey.yaml', '--mcp-config', mcp],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', MCP_JOURNEYS_STACK: join(ROOT, 'test/golden/stack-traits/launch-workflow.stack.json') } }, (_e, stdout) => resolve(stdout));
  });
  expect(launched).not.toContain('JOURNEY_SERVER_NOT_LAUNCHED');
});
