// `defineJourneysConfig`: the Playwright config that runs journeys. One project per folder of the
// journeys directory; every project runs the one entry spec (journeys.spec.ts) filtered to its folder.
import { existsSync, readdirSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import type { PlaywrightTestConfig, ReporterDescription } from '@playwright/test';
import { ROOT_FOLDER } from '../compile/compileJourney.js';
import { allureCategories } from '../report/categories.js';
import { RUN_RECORDS_ENV } from '../common/paths.js';
import { activeCapture, exportSettings, resolveSettings } from '../common/projectSettings.js';
import type { JourneysFileOptions } from '../common/projectSettings.js';
import type { JourneyWorkerOptions } from '../common/paths.js';
import { validateOnce } from './validateOnce.js';

/** The settings of the journeys (src/common/projectSettings.ts: a variable of the environment beats the
 * value given here), and anything else of Playwright's. */
export interface JourneysConfigOptions extends JourneysFileOptions {
  /** Anything else, merged over the defaults (`projects` and `testDir` are the journeys'). */
  playwright?: PlaywrightTestConfig;
}

/** Folder of journeys meant to fail: a project only when asked for. */
export const NEGATIVE_FOLDER = 'negative';
const SHARED_FOLDER = '_shared';
const SPEC_DIR = fileURLToPath(new URL('../suite/', import.meta.url));
// `.ts` in a checkout, `.js` in the packed package (compiled into dist/).
const EXT = extname(fileURLToPath(import.meta.url));
const SPEC_FILE = `journeys.spec${EXT}`;
/** allure-playwright plus each journey step's parameters and request/response (allureReporter.ts); use it
 * in place of `allure-playwright` in a reporter list of your own, with the same options. */
export const journeysAllureReporter = fileURLToPath(new URL(`./allureReporter${EXT}`, import.meta.url));

/** Playwright's `{arg}` is the journey's own `<file>-snapshots/<name>` (src/worker/expect/snapshot.ts). */
const SNAPSHOT_PATH_TEMPLATE = '{snapshotDir}/{arg}{ext}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Playwright matches a project's `grep` against "<project> <spec file> <describe> <title> <tags>"; the spec
 * file is named by its path from the project root (`node_modules/mcp-journeys/…/journeys.spec.ts`). */
export function folderGrep(folder: string): RegExp {
  return new RegExp(`(^|[\\s/\\\\])${escapeRegExp(SPEC_FILE)} ${escapeRegExp(folder)} `);
}

export function journeyFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory() && e.name !== SHARED_FOLDER && !e.name.startsWith('.')).map((e) => e.name);
  const rootJourneys = entries.some((e) => e.isFile() && e.name.endsWith('.journey.yaml'));
  return [...(rootJourneys ? [ROOT_FOLDER] : []), ...folders.sort()];
}

/** `--project negative`, `--project=negative` or `-p negative` on the command line. */
function negativeRequested(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === `--project=${NEGATIVE_FOLDER}` || ((arg === '--project' || arg === '-p') && argv[i + 1] === NEGATIVE_FOLDER));
}

export function defineJourneysConfig(options: JourneysConfigOptions = {}): PlaywrightTestConfig {
  const { playwright = {}, ...fileOptions } = options;
  // A command (validate, list, coverage…) reading this config wants the options, not a run.
  const capture = activeCapture();
  if (capture) {
    capture.options = fileOptions;
    return defineConfig(playwright);
  }
  const settings = resolveSettings({ config: fileOptions });
  if (negativeRequested(process.argv)) settings.negative = { value: true, source: 'flag', name: '--project' };
  // The spec file and workers read these; set them here so every process sees the same choice.
  exportSettings(settings);
  const { rootDir } = settings;
  const dir = settings.journeysDir.value;
  const withNegative = settings.negative.value;

  // Runner process only: workers inherit the outcome and must not print the diagnostics again.
  if (process.env['TEST_WORKER_INDEX'] === undefined) validateOnce(dir);

  const found = journeyFolders(dir).filter((f) => f !== NEGATIVE_FOLDER || withNegative);
  // Reporters (allure-playwright) expect at least one project, even when there is nothing to run yet.
  const folders = found.length > 0 ? found : [ROOT_FOLDER];
  // Workers write environment.properties and run records next to what the reporter writes.
  const resultsDir = settings.allureResults.value;
  const workerOptions: JourneyWorkerOptions = {
    journeyAllureResultsDir: resultsDir,
    journeyRunRecordsDir: resolve(rootDir, process.env[RUN_RECORDS_ENV] || 'test-results/run-records'),
    journeyMcpConfigPath: settings.mcpConfig.value,
  };
  // categories.json once per run, from the reporter's process.
  const reporter: ReporterDescription[] = [['list'], [journeysAllureReporter, { resultsDir, categories: allureCategories() }]];
  return defineConfig<object, JourneyWorkerOptions>({
    fullyParallel: true,
    workers: 2,
    timeout: 120_000,
    forbidOnly: !!process.env['CI'],
    reporter,
    outputDir: resolve(rootDir, 'test-results/journeys'),
    ...playwright,
    // Playwright's reporters name files relative to the top-level testDir (config.rootDir): the project root
    // makes a journey `journeys/<folder>/<file>.journey.yaml:line` rather than a climb out of the package.
    // Each project still loads the entry spec from where the package is.
    testDir: rootDir,
    projects: folders.map((folder) => ({
      name: folder,
      testDir: SPEC_DIR,
      testMatch: SPEC_FILE,
      // The runner ships inside node_modules when installed; Playwright ignores that by default.
      testIgnore: [],
      grep: folderGrep(folder),
      // `expect.snapshot` passes `<journey file>-snapshots/<name>.json` as the name (src/worker/expect/snapshot.ts):
      // snapshots sit next to the journey, as Playwright keeps them next to a spec file.
      snapshotDir: playwright.snapshotDir ?? dir,
      snapshotPathTemplate: playwright.snapshotPathTemplate ?? SNAPSHOT_PATH_TEMPLATE,
      use: workerOptions,
    })),
  });
}
