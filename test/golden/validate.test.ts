// Golden files pin what authors see: `mcp-journeys validate <case>` is run as a real child process from
// the repo root, and its output is compared byte for byte with `<case>.err`. UPDATE_GOLDEN=1 rewrites them.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DIAGNOSTIC_CODES } from '../../src/common/diagnostic.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = 'test/golden/cases';
const MCP_CONFIG = 'test/golden/mcp.json';
/** What every command says on stderr about the settings it used (src/cli/settings.ts). */
const SETTINGS_LINE = `config playwright.config.ts, MCP config ${MCP_CONFIG} (--mcp-config)\n`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/mcp-journeys.js', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A file case is `<name>.journey.yaml`; a directory case is `<name>/` (e.g. two files sharing a test_id). */
const cases = readdirSync(join(ROOT, CASES), { withFileTypes: true })
  .filter((e) => (e.isDirectory() ? e.name !== '_shared' : e.name.endsWith('.journey.yaml')))
  .map((e) => ({ name: e.name.replace(/\.journey\.yaml$/, ''), target: `${CASES}/${e.name}` }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Links a case needs, made for its run only: a link loop kept in git would trip every tool that walks
 * the repository. Listed in .gitignore in case a run is killed before it removes them. */
const LINKS: Record<string, { link: string; target: string }[]> = {
  'symlink-loop': [{ link: 'again', target: '.' }],
};

function makeLinks(name: string): () => void {
  const links = (LINKS[name] ?? []).map((l) => ({ ...l, path: join(ROOT, CASES, name, l.link) }));
  for (const l of links) {
    rmSync(l.path, { force: true });
    symlinkSync(l.target, l.path);
  }
  return () => { for (const l of links) rmSync(l.path, { force: true }); };
}

test('there are enough golden cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

for (const c of cases) {
  test(`validate ${c.name}`, async () => {
    const removeLinks = makeLinks(c.name);
    const run = await cli(['validate', c.target, '--mcp-config', MCP_CONFIG]).finally(removeLinks);
    const golden = join(ROOT, CASES, `${c.name}.err`);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, run.stdout);
    expect(run.stderr).toBe(SETTINGS_LINE);
    expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
    const summary = run.stdout.trimEnd().split('\n').pop() ?? '';
    expect(run.code).toBe(/\d+ errors? /.test(summary) ? 1 : 0);
  });
}

test('golden output never shows a stack trace or an absolute path', () => {
  for (const c of cases) {
    const text = readFileSync(join(ROOT, CASES, `${c.name}.err`), 'utf8');
    expect(text, c.name).not.toMatch(/^\s{4}at /m);
    expect(text, c.name).not.toContain(ROOT);
  }
});

test('every diagnostic code has a golden case', () => {
  const goldenDirs = [CASES, 'test/golden/live', 'test/golden/traits', 'test/golden/matrix', 'test/golden/protocol'];
  const all = goldenDirs.flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.err')).map((f) => readFileSync(join(ROOT, dir, f), 'utf8'))).join('\n');
  const codes = new Set([...all.matchAll(/^\S+:\d+(?::\d+)? (?:error|warning) (JOURNEY_[A-Z_]+) /gm)].map((m) => m[1]));
  expect(DIAGNOSTIC_CODES.filter((code) => !codes.has(code))).toEqual([]);
});

test('--format json gives the diagnostics as data, with the same exit code', async () => {
  const run = await cli(['validate', `${CASES}/several-mistakes.journey.yaml`, '--format', 'json', '--mcp-config', MCP_CONFIG]);
  expect(run.code).toBe(1);
  const diagnostics = JSON.parse(run.stdout) as { code: string; file: string; start: { line: number; column: number } }[];
  expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['JOURNEY_UNKNOWN_KEY', 'JOURNEY_UNKNOWN_TOOL', 'JOURNEY_UNKNOWN_VARIABLE']));
  expect(diagnostics.every((d) => d.file === `${CASES}/several-mistakes.journey.yaml` && d.start.line > 0)).toBe(true);
});

test('usage problems exit 2 with one line and no stack', async () => {
  for (const args of [['validate', '--bogus'], ['validate', 'no/such/dir'], ['validate', '--format', 'xml'], ['no-such-command'],
    ['validate', `${CASES}/valid-cross-server.journey.yaml`, '--mcp-config', 'no/such/mcp.json']]) {
    const run = await cli(args);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.stderr, args.join(' ')).not.toMatch(/^\s{4}at /m);
    expect(run.stdout).toBe('');
  }
});
