// Where the runner finds journeys and fixtures. Environment overrides let a config (or the runner's own
// inline tests) point the same machinery at another directory.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The embedded stack's MCP configuration: the default when a project has no `.mcp.json` of its own. */
export const EMBEDDED_MCP_CONFIG = resolve(packageRoot, 'fixtures/mcp.json');

/** The package's command line, which `"type": "replay"` servers run (`mcp-journeys replay`). */
export const CLI_BIN = resolve(packageRoot, 'bin/mcp-journeys.js');

/** The files `mcp-journeys init` fills in and writes (src/cli/init.ts). */
export const INIT_TEMPLATES_DIR = resolve(packageRoot, 'fixtures/init');

/** `${fixtures}` in journeys: `MCP_JOURNEYS_FIXTURES_DIR`, else the package's `fixtures/`. */
export function fixturesDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(env['MCP_JOURNEYS_FIXTURES_DIR'] || resolve(packageRoot, 'fixtures'));
}

/** `MCP_JOURNEYS_DIR`, else `journeys/` under `root` (the config's directory). */
export function journeysDir(root: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(root, env['MCP_JOURNEYS_DIR'] || 'journeys');
}

/** Where the reporter writes; defineJourneysConfig resolves it and hands it to the workers. */
export const RESULTS_DIR_ENV = 'MCP_JOURNEYS_ALLURE_RESULTS';
export const RUN_RECORDS_ENV = 'MCP_JOURNEYS_RUN_RECORDS';

export function allureResultsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(env[RESULTS_DIR_ENV] || 'allure-results');
}

/** What defineJourneysConfig hands every worker as Playwright options (`use` of each project), so
 * workers write where the reporter reads and play against the servers the spec file collected for. */
export interface JourneyWorkerOptions {
  journeyAllureResultsDir: string;
  journeyRunRecordsDir: string;
  journeyMcpConfigPath: string;
}

export function runRecordsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(env[RUN_RECORDS_ENV] || 'test-results/run-records');
}
