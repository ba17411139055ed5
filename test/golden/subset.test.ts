// Golden output of `validate --live` and `coverage --live` against a configuration that holds only some
// of the project's servers: the live checks run on every server the configuration has (in a file that
// does not validate too), and the servers it lacks are named, not asked and not reported as unreachable. UPDATE_GOLDEN=1 rewrites the files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { testServerCommand } from '../support/servers/spawn.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = 'test/golden/subset';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/mcp-journeys.js', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
    });
  });
}

for (const command of ['validate', 'coverage'] as const) {
  test(`${command} --live against a subset configuration`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpj-golden-subset-'));
    try {
      const config = join(dir, 'mcp.json');
      const { command: node, args } = testServerCommand('test');
      writeFileSync(config, JSON.stringify({ mcpServers: { test: { type: 'stdio', command: node, args } } }));
      const run = await cli([command, '--live', CASES, '--mcp-config', config]);
      const output = run.stdout.split(relative(ROOT, config)).join('<dir>/mcp.json');
      const golden = join(ROOT, CASES, `${command}-live.out`);
      if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, output);
      expect(output).toBe(readFileSync(golden, 'utf8'));
      expect(run.stderr).not.toContain('workflow-mcp');
      // A file that does not validate is named, not silently left out of coverage.
      if (command === 'coverage') expect(run.stderr).toContain('1 journey file(s) do not validate and are left out (run "mcp-journeys validate"): broken.journey.yaml\n');
      // validate: the live argument error in the journey that is skipped when run still counts.
      // coverage: the folder keeps no scenario catalogue, so its uncalled tools are reported, not failed.
      expect(run.code).toBe(command === 'validate' ? 1 : 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
