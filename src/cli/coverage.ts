// `mcp-journeys coverage [dirs…] [--format text|json] [--mcp-config <file>] [--catalogue <file>] [--live] [--allure-results <dir>]`:
// which scenarios of the project's catalogue (by tag), which tools of each server and which cross-server
// reference edges the journeys exercise. With a catalogue, exit 1 when a scenario has no journey or a
// tool no call; without one, the tools and edges are a report, not a gate.
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { compileJourney } from '../compile/compileJourney.js';
import { loadMcpConfig } from '../mcp/index.js';
import { CatalogueError, readCatalogue } from '../report/catalogue.js';
import type { Catalogue } from '../report/catalogue.js';
import { computeCoverage, coverageFails, coverageGaps, formatCoverage } from '../report/coverage.js';
import type { Coverage } from '../report/coverage.js';
import { validateJourneys } from '../validate/validateJourneys.js';
import { commandArgs } from './commandArgs.js';
import { formatAndFiles } from './journeyFiles.js';
import { liveServers } from './liveServers.js';
import { serverContext } from './serverContext.js';
import { commandSettings, shown } from './settings.js';

const USAGE = `Usage: mcp-journeys coverage [dirs…] [--format text|json] [--mcp-config <file>] [--config <file>] [--catalogue <file>] [--live] [--allure-results <dir>]

Shows which scenarios of the project's catalogue (journeys tagged with a scenario's id), which tools of
each server and which cross-server reference edges (a value saved from one server's tool passed to
another's) the journeys exercise. The catalogue is catalogue.yaml in the journeys directory
(schemas/catalogue.schema.json), else --catalogue, MCP_JOURNEYS_CATALOGUE or the Playwright config's
catalogue; without one, only tools and edges are reported. Tools come from the MCP configuration's
"tools" lists, or with --live from the servers' own tools/list (the embedded stack is started for the
default configuration). Journeys in negative/ count for scenarios only. --allure-results adds the
summary to the Allure results as a "Catalogue coverage" test.

Exit codes: 0 covered (or no catalogue), 1 a scenario or a tool of the catalogue's project is not
covered, 2 usage error.
`;

const NEGATIVE = 'negative';

/** An Allure result carrying the summary, so the report shows coverage next to the journeys. */
function writeAllure(dir: string, coverage: Coverage, text: string): void {
  mkdirSync(dir, { recursive: true });
  const uuid = randomUUID();
  const now = Date.now();
  writeFileSync(join(dir, `${uuid}-attachment.txt`), text);
  writeFileSync(join(dir, `${uuid}-attachment.json`), JSON.stringify(coverage, null, 2));
  const gaps = coverageGaps(coverage);
  const failed = coverageFails(coverage);
  const result = {
    uuid, historyId: 'mcp-journeys-catalogue-coverage', testCaseId: 'mcp-journeys-catalogue-coverage',
    name: 'Catalogue coverage', fullName: 'mcp-journeys coverage', status: failed ? 'failed' : 'passed', stage: 'finished',
    statusDetails: gaps.length === 0 ? {} : { message: gaps.join('\n') }, start: now, stop: now,
    labels: [{ name: 'suite', value: 'coverage' }, { name: 'epic', value: 'Catalogue' }],
    attachments: [
      { name: 'coverage.txt', source: `${uuid}-attachment.txt`, type: 'text/plain' },
      { name: 'coverage.json', source: `${uuid}-attachment.json`, type: 'application/json' },
    ],
    steps: [], parameters: [],
  };
  writeFileSync(join(dir, `${uuid}-result.json`), JSON.stringify(result));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs(USAGE, () => parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string' }, 'mcp-config': { type: 'string' }, config: { type: 'string', short: 'c' }, catalogue: { type: 'string' }, live: { type: 'boolean' },
      'allure-results': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  }));
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  // One directory given is the journeys directory: names are relative to it, its catalogue.yaml counts.
  const [only] = positionals.length === 1 ? positionals : [];
  const journeysDirFlag = only !== undefined && isDirectory(only) ? only : undefined;
  const settings = await commandSettings({ journeysDir: journeysDirFlag, mcpConfig: values['mcp-config'], catalogue: values.catalogue }, values.config);
  if (typeof settings === 'number') return settings;
  let catalogue: Catalogue | undefined;
  try {
    catalogue = settings.catalogue.value === undefined ? undefined : readCatalogue(settings.catalogue.value, shown(settings.catalogue.value));
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const input = formatAndFiles(values.format, positionals, shown(settings.journeysDir.value));
  if (!input) return 2;
  const { format, found } = input;
  const mcpConfig = settings.mcpConfig.value;
  const result = validateJourneys(found.files, serverContext(mcpConfig));
  const journeysDir = settings.journeysDir.value;
  const valid = new Set(result.journeys.map((j) => j.absPath));
  const invalid = result.checkedJourneys.filter((j) => !valid.has(j.source.absPath)).map((j) => relative(journeysDir, j.source.absPath).split(sep).join('/'));
  if (invalid.length > 0) process.stderr.write(`${invalid.length} journey file(s) do not validate and are left out (run "mcp-journeys validate"): ${invalid.join(', ')}\n`);
  const plans = result.journeys.map((j) => compileJourney(j, { journeysDir }));
  let tools: Record<string, string[] | undefined>;
  if (values.live) {
    const live = await liveServers(mcpConfig, undefined, (line) => process.stderr.write(`${line}\n`));
    for (const [server, why] of Object.entries(live.unreachable)) process.stderr.write(`cannot list the tools of ${server}: ${why}\n`);
    if (Object.keys(live.unreachable).length > 0) return 2;
    tools = Object.fromEntries(Object.entries(live.tools).map(([server, list]) => [server, list.map((t) => t.name)]));
  } else {
    const config = loadMcpConfig(mcpConfig, new Proxy({}, { get: () => '1' }));
    tools = Object.fromEntries(Object.entries(config.servers).map(([server, entry]) => [server, entry.tools]));
  }
  const coverage = computeCoverage(plans, tools, { catalogue, counted: (plan) => plan.folder !== NEGATIVE });
  const text = formatCoverage(coverage);
  process.stdout.write(format === 'json' ? `${JSON.stringify(coverage, null, 2)}\n` : text);
  if (values['allure-results']) writeAllure(resolve(values['allure-results']), coverage, text);
  return coverageFails(coverage) ? 1 : 0;
}
