// `mcp-journeys init [--force]`: scaffolds journeys in the project of the working directory, as
// `npm init playwright` does for tests: a config, examples that pass as they are, the editor hookup, a CI
// workflow and a docker-compose.yml. It reads the project's Claude Code `.mcp.json` (its servers get the
// examples) and writes one with an example server when there is none. An existing file is kept unless
// --force; the .mcp.json it reads is never written.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_MCP_CONFIG } from '../common/projectSettings.js';
import { loadMcpConfig } from '../mcp/index.js';
import { commandArgs } from './commandArgs.js';
import { DEFAULT_DIR } from './journeyFiles.js';
import { editorSettings, exampleJourneys, fillTemplate, journeyCanName } from './initJourneys.js';
import type { ExampleServer, InitFile } from './initJourneys.js';
import { oneLine } from './main.js';

const USAGE = `Usage: mcp-journeys init [--force]

Scaffolds journeys in the project of the working directory:
  playwright.config.ts            defineJourneysConfig() from mcp-journeys
  ${DEFAULT_DIR}/examples/<server>.journey.yaml
                                  one example journey per server of .mcp.json, runnable as it is
  .vscode/settings.json           *.journey.yaml mapped to the installed schema
  .github/workflows/journeys.yml  GitHub Actions: shards, one Allure report with history, merged results
  docker-compose.yml              a real Toxiproxy and PostgreSQL
The servers come from the project's Claude Code .mcp.json; without one, init writes one with the
MCP reference server "everything" (npx @modelcontextprotocol/server-everything) to start from.

  --force  overwrite files that exist (never the .mcp.json it reads)

Exit codes: 0 done, 2 usage error or an .mcp.json that cannot be read.
`;

/** Any variable reads as "1" (a `${PORT}` in a URL still makes one): init wants names and transports. */
const NAMES_ONLY = new Proxy({}, { get: () => '1' }) as Record<string, string>;

function serversOf(file: string): ExampleServer[] {
  return Object.values(loadMcpConfig(file, NAMES_ONLY).servers).map(({ name, type }) => ({ name, type }));
}

type Outcome = 'wrote' | 'overwrote' | 'skipped';

function write(root: string, file: InitFile, force: boolean): Outcome {
  const path = join(root, file.path);
  const exists = existsSync(path);
  if (exists && !force) return 'skipped';
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.text);
  return exists ? 'overwrote' : 'wrote';
}

function line(outcome: Outcome, path: string): string {
  return outcome === 'skipped' ? `skipped ${path} (exists; --force to overwrite)` : `${outcome} ${path}`;
}

export function run(args: string[]): Promise<number> {
  const parsed = commandArgs(USAGE, () => parseArgs({
    args, strict: true, allowPositionals: false, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }));
  if (typeof parsed === 'number') return Promise.resolve(parsed);
  return Promise.resolve(init(process.cwd(), parsed.values.force ?? false));
}

function init(root: string, force: boolean): number {
  const mcpConfig = resolve(root, PROJECT_MCP_CONFIG);
  const lines: string[] = [];
  let servers: ExampleServer[];
  if (existsSync(mcpConfig)) {
    try {
      servers = serversOf(mcpConfig);
    } catch (error) {
      process.stderr.write(`mcp-journeys init: ${oneLine(error)}\n`);
      return 2;
    }
    lines.push(servers.length === 0
      ? `${PROJECT_MCP_CONFIG} has no servers: no example journey (add one and run init again)`
      : `servers of ${PROJECT_MCP_CONFIG}: ${servers.map((s) => `${s.name} (${s.type})`).join(', ')}`);
  } else {
    lines.push(line(write(root, { path: PROJECT_MCP_CONFIG, text: fillTemplate('mcp.json') }, false), PROJECT_MCP_CONFIG)
      + ' (none here: the MCP reference server "everything" to start from; put your servers in it)');
    servers = serversOf(mcpConfig);
  }
  for (const s of servers.filter((s) => !journeyCanName(s.name))) {
    lines.push(`no example journey for ${JSON.stringify(s.name)}: a journey names a server with letters, digits, - and _ (rename it in ${PROJECT_MCP_CONFIG})`);
  }
  const journeysDir = resolve(root, DEFAULT_DIR);
  const files: InitFile[] = [
    { path: 'playwright.config.ts', text: fillTemplate('playwright.config.ts.template') },
    ...exampleJourneys(servers.filter((s) => journeyCanName(s.name)), root, journeysDir, mcpConfig),
    editorSettings(root, journeysDir),
    { path: '.github/workflows/journeys.yml', text: fillTemplate('journeys.yml') },
    { path: 'docker-compose.yml', text: fillTemplate('docker-compose.yml') },
  ];
  for (const file of files) lines.push(line(write(root, file, force), file.path));
  lines.push('', 'Next:', '  npx playwright test       run the journeys', '  npx mcp-journeys report   render allure-results/ into allure-report/index.html');
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
