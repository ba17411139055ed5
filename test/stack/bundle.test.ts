// The server bundle cache: reused while the sources are unchanged, rebuilt when any input changes,
// refused when the code depends on its own location (import.meta).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { cacheDir } from '../../src/common/cacheDir.js';
import { bundledEntry } from '../../src/servers/bundle.js';
import { projectRoot } from '../../src/servers/startStack.js';

let dir = '';
// Inside the project, so the sources resolve packages from its node_modules as a server's do.
test.beforeEach(async () => {
  await mkdir(path.join(projectRoot, 'test-results'), { recursive: true });
  dir = await mkdtemp(path.join(projectRoot, 'test-results', 'bundle-test-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  const bundles = path.join(cacheDir, 'server-bundles');
  const ours = (await readdir(bundles).catch(() => [] as string[])).filter((n) => n.startsWith(`${path.basename(dir)}-`));
  await Promise.all(ours.map((n) => rm(path.join(bundles, n), { force: true })));
});

const runNode = (file: string): string => spawnSync(process.execPath, [file], { encoding: 'utf8' }).stdout.trim();

test('a bundle is reused until an input changes, then rebuilt with the change', async () => {
  const entry = path.join(dir, 'main.ts');
  await writeFile(entry, "import { word } from './dep.ts';\nimport pg from 'pg';\nconsole.log(word, typeof pg.Pool);\n");
  await writeFile(path.join(dir, 'dep.ts'), "export const word: string = 'first';\n");
  const first = await bundledEntry(entry, projectRoot);
  expect(first).toBeDefined();
  expect(runNode(first ?? '')).toBe('first function');
  expect(await bundledEntry(entry, projectRoot)).toBe(first);

  await writeFile(path.join(dir, 'dep.ts'), "export const word: string = 'second';\n");
  const second = await bundledEntry(entry, projectRoot);
  expect(second).not.toBe(first);
  expect(runNode(second ?? '')).toBe('second function');

  // Same content, new mtime: rebuilt, and the identical output keeps its name.
  const later = new Date(Date.now() + 5000);
  await utimes(path.join(dir, 'dep.ts'), later, later);
  expect(await bundledEntry(entry, projectRoot)).toBe(second);
  expect(await readFile(second ?? '', 'utf8')).toMatch(/"second"/);
});

test('code that uses import.meta is not bundled', async () => {
  const entry = path.join(dir, 'main.ts');
  await writeFile(entry, 'console.log(import.meta.url);\n');
  expect(await bundledEntry(entry, projectRoot)).toBeUndefined();
  expect(await bundledEntry(entry, projectRoot)).toBeUndefined();
});
