// Golden output of `coverage` for a project of its own (two servers, one of which the configuration lists
// no tools for): without a scenario catalogue (tools and edges only, exit 0), with one given by flag or
// by environment (scenarios too, gaps exit 1), and with a catalogue that is not one (exit 2). Each case
// is `<case>.out`: the exit code, stderr, then stdout. UPDATE_GOLDEN=1 rewrites them.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = 'test/golden/coverage';
const BASE = ['coverage', `${DIR}/journeys`, '--mcp-config', `${DIR}/mcp.json`];

const CASES: { name: string; args: string[]; env?: Record<string, string>; code: number }[] = [
  { name: 'no-catalogue', args: BASE, code: 0 },
  { name: 'catalogue', args: [...BASE, '--catalogue', `${DIR}/catalogue.yaml`], code: 1 },
  { name: 'catalogue-env-json', args: [...BASE, '--format', 'json'], env: { MCP_JOURNEYS_CATALOGUE: `${DIR}/catalogue.yaml` }, code: 1 },
  { name: 'bad-catalogue', args: [...BASE, '--catalogue', `${DIR}/bad-catalogue.yaml`], code: 2 },
];

for (const c of CASES) {
  test(`coverage ${c.name}`, async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MCP_JOURNEYS_')));
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', ...c.args], { cwd: ROOT, env: { ...clean, NO_COLOR: '1', ...c.env } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
      });
    });
    const output = `[exit ${run.code}]\n${run.stderr}${run.stdout}`;
    const golden = join(ROOT, DIR, `${c.name}.out`);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
    expect(run.code).toBe(c.code);
  });
}
