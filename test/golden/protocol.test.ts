// Golden output of tool names as Claude Code makes them: a normalised name that means one tool is valid,
// one that two tools normalise to is JOURNEY_AMBIGUOUS_TOOL. Compared byte for byte with `<case>.err`;
// UPDATE_GOLDEN=1 rewrites it.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('validate: a Claude Code tool name two tools normalise to is ambiguous', async () => {
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['bin/mcp-journeys.js', 'validate', 'test/golden/protocol/ambiguous.journey.yaml', '--mcp-config', 'test/golden/protocol/mcp.json'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
      });
  });
  const golden = join(ROOT, 'test/golden/protocol/ambiguous.err');
  if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, run.stdout);
  // The one line every command says about the settings it used (src/cli/settings.ts).
  expect(run.stderr).toBe('config playwright.config.ts, MCP config test/golden/protocol/mcp.json (--mcp-config)\n');
  expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
  expect(run.code).toBe(1);
});
