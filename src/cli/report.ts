// `mcp-journeys report [--results allure-results] [--output allure-report] [--history file] [--open]`
// The results are the project's setting (src/common/projectSettings.ts), the report beside them.
// Renders allure-results/ into one self-contained HTML file with the Allure 3 CLI (pure Node, no Java),
// with a configuration generated in a temp dir (nothing to keep at the repository's top level).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { allureReportConfig } from '../report/allureConfig.js';
import { writeCategories } from '../report/categories.js';
import { withoutAnalytics } from '../report/reportHtml.js';
import { createOwnedDirSync } from '../process/ownedDirs.js';
import { missingPackageMessage } from '../common/optionalPackage.js';
import { commandArgs } from './commandArgs.js';
import { commandSettings, shown } from './settings.js';
import type { ProjectSettings } from '../common/projectSettings.js';

const USAGE = `Usage: mcp-journeys report [--results <dir>] [--output <dir>] [--history <file>] [--name <title>] [--open] [--config <file>]

Renders Allure results into a single-file HTML report (<output>/index.html) that opens from file://,
with every step expanded and failures sorted into the journeys' categories.

  --results  results directory (default: MCP_JOURNEYS_ALLURE_RESULTS, else the Playwright config's
             allureResults, else allure-results)
  --output   report directory (default: allure-report)
  --history  Allure history file kept between runs for trends (default: test-results/allure-history.jsonl)
  --config   the Playwright config (default: playwright.config.* here); its rootDir holds the defaults
  --name     report title (default: mcp-journeys)
  --open     serve the report and open it in a browser when done

Exit codes: 0 rendered, 1 Allure failed, 2 usage error or nothing to render.
`;

/** The Allure 3 CLI entry (the `allure` package), or undefined when it is not installed. */
export function allureCli(): string | undefined {
  try {
    const main = fileURLToPath(import.meta.resolve('allure'));
    const cli = join(dirname(main), '..', 'cli.js');
    return existsSync(cli) ? cli : undefined;
  } catch {
    return undefined;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      results: { type: 'string' }, output: { type: 'string' }, history: { type: 'string' }, name: { type: 'string' },
      open: { type: 'boolean' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' },
    },
  });
}

function runNode(args: string[]): Promise<number> {
  return new Promise<number>((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (error) => { process.stderr.write(`could not start Allure: ${error.message}\n`); done(1); });
    child.once('close', (exit) => done(exit ?? 1));
  });
}

function hasResults(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('-result.json'));
  } catch {
    return false;
  }
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs(USAGE, () => parse(args));
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const about = (s: ProjectSettings) => ({ label: 'Allure results', shown: shown(s.allureResults.value), setting: s.allureResults });
  const settings = await commandSettings({ allureResults: values.results }, values.config, about);
  if (typeof settings === 'number') return settings;
  const results = settings.allureResults.value;
  const output = values.output === undefined ? resolve(settings.rootDir, 'allure-report') : resolve(values.output);
  const historyPath = values.history === undefined ? resolve(settings.rootDir, 'test-results', 'allure-history.jsonl') : resolve(values.history);
  if (!hasResults(results)) {
    process.stderr.write(`no Allure results in ${shown(results)}: run the journeys first (npx playwright test)\n`);
    return 2;
  }
  const cli = allureCli();
  if (!cli) {
    process.stderr.write(`${missingPackageMessage(['allure'], 'mcp-journeys report (the Allure 3 CLI)')}\n`);
    return 2;
  }
  // Allure 2 consumers read categories from the results; Allure 3 from the configuration below.
  writeCategories(results);
  const configDir = createOwnedDirSync('allure');
  try {
    const config = join(configDir, 'allurerc.json');
    const options = { output, historyPath, ...(values.name === undefined ? {} : { reportName: values.name }) };
    writeFileSync(config, JSON.stringify(allureReportConfig(options), null, 2));
    const code = await runNode([cli, 'generate', results, '--config', config, '--output', output]);
    if (code !== 0) return 1;
    const index = join(output, 'index.html');
    if (!existsSync(index)) {
      process.stderr.write(`Allure finished but wrote no ${index}\n`);
      return 1;
    }
    const html = readFileSync(index, 'utf8');
    const offline = withoutAnalytics(html);
    if (offline !== html) writeFileSync(index, offline);
    process.stdout.write(`report: ${pathToFileURL(index).href}\n`);
    // Served rather than opened from disk: some browsers restrict file:// pages.
    return values.open ? await runNode([cli, 'open', output]) : 0;
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}
