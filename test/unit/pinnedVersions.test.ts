// The runner leans on how Playwright locates tests and on allure-playwright's results (README, Reports):
// the three packages are pinned exactly, allure-js-commons at allure-playwright's own release, and the
// lock file installs the versions pinned, so an upgrade happens on purpose and runs the upgrade check.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
const pkg = read('package.json') as Record<'dependencies' | 'devDependencies' | 'peerDependencies', Record<string, string>>;
// @playwright/test is the user's (a peer: one copy, or Playwright refuses to load the test file), and ours to develop with.
const declared = (name: string): string | undefined => pkg.dependencies[name] ?? pkg.peerDependencies[name];
const lock = read('package-lock.json') as { packages: Record<string, { version?: string } | undefined> };
/** What `npm ci` installs. */
const installed = (name: string): string | undefined => lock.packages[`node_modules/${name}`]?.version;

test('@playwright/test, allure-playwright and allure-js-commons are pinned exactly, to what the lock file installs', () => {
  const pinned = ['@playwright/test', 'allure-playwright', 'allure-js-commons'].map((name) => [name, declared(name)]);
  expect(pkg.devDependencies['@playwright/test'], 'the version we develop with is the one users get').toBe(pkg.peerDependencies['@playwright/test']);
  for (const [name, version] of pinned) expect(version, `${name} in package.json`).toMatch(/^\d+\.\d+\.\d+$/);
  expect(Object.fromEntries(pinned)).toEqual({
    '@playwright/test': installed('@playwright/test'), 'allure-playwright': installed('allure-playwright'), 'allure-js-commons': installed('allure-js-commons'),
  });
  expect(pkg.dependencies['allure-js-commons'], 'allure-js-commons at allure-playwright\'s release').toBe(pkg.dependencies['allure-playwright']);
});
