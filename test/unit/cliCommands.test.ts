// Commands are loaded by name when asked for, so a renamed module would only show as "not available in
// this build" at run time: every command listed in the usage must answer --help.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/mcp-journeys.js', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
    });
  });
}

test('every command of the usage loads and answers --help', async () => {
  const usage = (await cli(['--help'])).stdout;
  const commands = [...usage.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1] ?? '');
  expect(commands).toEqual(['init', 'validate', 'list', 'stack', 'toxiproxy', 'report', 'coverage', 'contract', 'merge-results', 'record', 'replay']);
  for (const command of commands) {
    const run = await cli([command, '--help']);
    expect(run.stderr, command).not.toContain('not available in this build');
    expect(run.code, `${command}: ${run.stderr}`).toBe(0);
  }
});
