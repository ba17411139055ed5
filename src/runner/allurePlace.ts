// Where a journey sits in Allure. allure-playwright derives a test's package, suites and title path from
// the test file as Playwright loaded it, and for a journey that is the runner's entry spec (journeys.spec.ts)
// with the YAML file reached from wherever the package is installed (`../../../../journeys/…`, a package
// label of dots). A journey is placed by its YAML file relative to the project root instead, its folder as
// the suite. Labels the journey set itself (`labels: { suite: … }`) are kept.
import { relative, sep } from 'node:path';
import type { TestResult as AllureResult } from 'allure-js-commons';
import type { TestCase } from '@playwright/test/reporter';

const JOURNEY_FILE = /\.journey\.ya?ml$/;

/** Removes the first label `name` whose value `derived` says allure-playwright made it. */
function dropDerived(result: AllureResult, name: string, derived: (value: string) => boolean): void {
  const at = result.labels.findIndex((l) => l.name === name && derived(l.value));
  if (at >= 0) result.labels.splice(at, 1);
}

/** `rootDir` is the project root (Playwright's config.rootDir, which defineJourneysConfig sets to it). */
export function placeJourney(result: AllureResult, test: TestCase, rootDir: string): void {
  if (!JOURNEY_FILE.test(test.location.file)) return;
  const file = relative(rootDir, test.location.file).split(sep).join('/');
  const parts = file.split('/');
  // titlePath(): '', project, spec file, the folder's group, any groups inside it, the title.
  const [, project = '', spec = '', folder = '', ...inner] = test.titlePath();
  const groups = [folder, ...inner.slice(0, -1)].filter((t) => t !== '');
  dropDerived(result, 'package', () => true);
  dropDerived(result, 'titlePath', () => true);
  dropDerived(result, 'parentSuite', (v) => v === project);
  dropDerived(result, 'suite', (v) => v === spec);
  dropDerived(result, 'subSuite', (v) => v === groups.join(' > '));
  result.labels.push({ name: 'package', value: parts.join('.') }, { name: 'titlePath', value: parts.join(' > ') });
  if (!result.labels.some((l) => l.name === 'suite')) result.labels.push({ name: 'suite', value: folder || (parts.at(-2) ?? file) });
  // Groups below the folder's own (a matrix's instances) stay a sub-suite.
  if (groups.length > 1 && !result.labels.some((l) => l.name === 'subSuite')) result.labels.push({ name: 'subSuite', value: groups.slice(1).join(' > ') });
  result.titlePath = parts;
  result.fullName = [file, ...groups.slice(1), test.title].join(' › ');
}
