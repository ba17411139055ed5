// The packed package runs without our sources, tsx or the embedded stack's packages: every entry
// package.json names (exports, types, bin) is compiled JavaScript in the tarball, and loads from an ES
// module and from CommonJS alike.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { OPTIONAL_PEERS, packedTarball, unpackedProject } from '../support/packedProject.js';

const run = promisify(execFile);

interface Manifest {
  bin: Record<string, string>;
  types: string;
  exports: Record<string, string | Record<string, string>>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** node with `args`, from `cwd`; what it printed. */
async function node(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, args, { cwd, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
  return stdout.trim();
}

// One pack for the file: its tests share one worker.
test.describe.configure({ mode: 'default' });

let project = '';
let unpacked = '';
test.beforeAll(async () => {
  test.setTimeout(300_000);
  project = await unpackedProject(await packedTarball(), OPTIONAL_PEERS);
  unpacked = join(project, 'node_modules', 'mcp-journeys');
});
test.afterAll(() => rmSync(project, { recursive: true, force: true }));

test('every entry package.json names is in the tarball, compiled', () => {
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Manifest;
  const targets = [manifest.types, ...Object.values(manifest.bin), ...Object.values(manifest.exports).flatMap((e) => typeof e === 'string' ? [e] : Object.values(e))];
  expect(targets.filter((t) => !existsSync(join(unpacked, t)))).toEqual([]);
  const files = filesUnder(unpacked);
  expect(files.filter((f) => f.startsWith('src/')), 'sources are not shipped').toEqual([]);
  expect(files.filter((f) => f.startsWith('dist/') && !/(\.js|\.d\.ts)$/.test(f))).toEqual([]);
  expect(files).toContain('dist/suite/journeys.spec.js');
});

test('the package loads from an ES module and from CommonJS, without the optional peers', async () => {
  const esm = `const m = await import('mcp-journeys'); const r = await import('mcp-journeys/reporter');
console.log(typeof m.defineJourneysConfig, typeof m.journeysAllureReporter, typeof r.default);`;
  expect(await node(project, ['--input-type=module', '-e', esm])).toBe('function string function');
  const cjs = `const m = require('mcp-journeys'); console.log(typeof m.defineJourneysConfig, require.resolve('mcp-journeys/reporter'));`;
  expect(await node(project, ['-e', cjs])).toBe(`function ${join(unpacked, 'dist', 'runner', 'allureReporter.js')}`);
  // The probe: the optional peers really are absent here.
  await expect(node(project, ['-e', "require.resolve('esbuild')"])).rejects.toThrow(/Cannot find module 'esbuild'/);
});

test('the bin runs the compiled CLI', async () => {
  expect(await node(project, [join(unpacked, 'bin', 'mcp-journeys.js'), '--help'])).toMatch(/^Usage: mcp-journeys <command>/);
});
