// The packed package runs without our sources or tsx: every entry package.json names (exports, types,
// bin) is compiled JavaScript in the tarball, and loads from an ES module and from CommonJS alike.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../support/inline.js';
import { packedTarball } from '../support/packedProject.js';

const run = promisify(execFile);

interface Manifest {
  bin: Record<string, string>;
  types: string;
  exports: Record<string, string | Record<string, string>>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** node -e, from `cwd`; what it printed. */
async function node(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
  return stdout.trim();
}

// One pack for the file: its tests share one worker.
test.describe.configure({ mode: 'default' });

// Unpacked under the checkout so the package's own dependencies resolve from our node_modules, as they
// would from the user's after `npm install`. The consumer's own package.json stops Node from resolving
// `mcp-journeys` to the checkout itself (a package may import itself by name).
let consumer = '';
let unpacked = '';
test.beforeAll(async () => {
  test.setTimeout(180_000);
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  consumer = mkdtempSync(join(repoRoot, 'test-results', 'packed-exports-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const tarball = await packedTarball();
  unpacked = join(consumer, 'node_modules', 'mcp-journeys');
  mkdirSync(unpacked, { recursive: true });
  await run('tar', ['xzf', tarball, '-C', unpacked, '--strip-components=1']);
});
test.afterAll(() => rmSync(consumer, { recursive: true, force: true }));

test('every entry package.json names is in the tarball, compiled', () => {
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Manifest;
  const targets = [manifest.types, ...Object.values(manifest.bin), ...Object.values(manifest.exports).flatMap((e) => typeof e === 'string' ? [e] : Object.values(e))];
  expect(targets.filter((t) => !existsSync(join(unpacked, t)))).toEqual([]);
  const files = filesUnder(unpacked);
  expect(files.filter((f) => f.startsWith('src/')), 'sources are not shipped').toEqual([]);
  expect(files.filter((f) => f.startsWith('dist/') && !/(\.js|\.d\.ts)$/.test(f))).toEqual([]);
  expect(files).toContain('dist/suite/journeys.spec.js');
});

test('the package loads from an ES module and from CommonJS, on the Node that runs this test', async () => {
  const esm = `const m = await import('mcp-journeys'); const r = await import('mcp-journeys/reporter');
console.log(typeof m.defineJourneysConfig, typeof m.journeysAllureReporter, typeof r.default);`;
  expect(await node(consumer, ['--input-type=module', '-e', esm])).toBe('function string function');
  const cjs = `const m = require('mcp-journeys'); console.log(typeof m.defineJourneysConfig, require.resolve('mcp-journeys/reporter'));`;
  expect(await node(consumer, ['-e', cjs])).toBe(`function ${join(unpacked, 'dist', 'runner', 'allureReporter.js')}`);
});

test('the bin runs the compiled CLI', async () => {
  expect(await node(consumer, [join(unpacked, 'bin', 'mcp-journeys.js'), '--help'])).toMatch(/^Usage: mcp-journeys <command>/);
});
