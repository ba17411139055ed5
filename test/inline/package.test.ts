// The package as a user meets it (README, "In your own project"): packed, installed with npm into a
// fresh CommonJS or ES-module project, a .mcp.json of two servers of the project's own (the purpose-built
// test server, over stdio and over HTTP), scaffolded with `npx mcp-journeys init`, a journey of its own
// added, and run with the same commands as our own repository.
// One test per module type: each installs a project, which is slow.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import type { AllureResult, AllureStep } from '../support/inline.js';
import { ownProjectBlocks } from '../support/readme.js';
import { INSTALLED, installedProject, packedTarball, runIn } from '../support/packedProject.js';
import type { ModuleType } from '../support/packedProject.js';
import { startTestServer, testServerCommand } from '../support/servers/spawn.js';
import { exampleTestId } from '../../src/cli/initJourneys.js';

/** What npx resolves `mcp-journeys` and `playwright` to in the project. */
const npx = (dir: string, args: string[]) => runIn(dir, 'npx', ['--no-install', ...args]);
const COMMANDS = [['playwright', 'test'], ...['validate', 'list', 'coverage', 'report'].map((c) => ['mcp-journeys', c])] as const;

const JOURNEY = 'journeys/notes/two-servers.journey.yaml';
const TITLE = 'A sum over HTTP of what the stdio server echoes';
const readme = ownProjectBlocks();

/** The journey of the README's own (step 4): init has written the config and the examples. */
function writeOwnJourney(dir: string): void {
  const text = readme[JOURNEY];
  if (text === undefined) throw new Error(`the README has no "own project: ${JOURNEY}" block`);
  mkdirSync(dirname(join(dir, JOURNEY)), { recursive: true });
  writeFileSync(join(dir, JOURNEY), text);
}

const lines = (block: string | undefined): string[] => (block ?? '').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);

test('the README installs what this test installs, and runs the commands it runs, in its order', () => {
  expect(lines(readme['install'])).toEqual(['npm init -y', `npm install --save-dev ${INSTALLED.join(' ')}`]);
  expect(lines(readme['init'])).toEqual(['npx mcp-journeys init']);
  expect(lines(readme['commands'])).toEqual(COMMANDS.map((c) => `npx ${c.join(' ')}`));
});

function stepNames(steps: AllureStep[]): string[] {
  return steps.flatMap((s) => [s.name, ...stepNames(s.steps)]);
}

function allureResults(dir: string): (AllureResult & { fullName?: string; titlePath?: string[] })[] {
  const results = join(dir, 'allure-results');
  return readdirSync(results).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(results, f), 'utf8')) as AllureResult);
}

/** No runner insides: the internal spec file, a path out of the project, the runner's own fixtures. */
const INSIDES = /journeys\.spec|\.\.\/|journeyStack|journeyMcpConfig|journeySql|journeyAllureResultsDir|journeyRunRecordsDir|journeyMcpConfigPath/;

/** The schema a journey's first line links, resolved as the YAML language server resolves it: against
 * the journey file's own URL. */
function modelineSchema(file: string): string {
  const line = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  const link = /^# yaml-language-server: \$schema=(\S+)$/.exec(line)?.[1];
  if (!link) throw new Error(`${file} does not start with a schema modeline: ${line}`);
  return fileURLToPath(new URL(link, pathToFileURL(file)));
}

/** A `yaml.schemas` glob as the YAML extension reads it: `**` any folders, `*` within one name. */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob.split(/(\*\*\/|\*)/).map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${pattern}$`).test(path);
}

/** The schema `.vscode/settings.json` maps a project file to, resolved from the workspace folder. */
function settingsSchema(dir: string, file: string): string | undefined {
  const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
  const found = Object.entries(settings['yaml.schemas']).find(([, globs]) => globs.some((g) => globMatches(g, file)));
  return found && join(dir, found[0]);
}

const EXAMPLES = ['journeys/examples/local.journey.yaml', 'journeys/examples/remote.journey.yaml'];

for (const type of ['commonjs', 'module'] as const satisfies ModuleType[]) {
  test(`a ${type} project installs the package and runs journeys against its own servers`, async () => {
    test.setTimeout(600_000);
    const tarball = await test.step('npm pack', () => packedTarball());
    const remote = await startTestServer({ transport: 'http', name: 'remote' });
    const { dir, install } = await test.step('npm init -y, npm install', () => installedProject(tarball, type));
    try {
      expect(install.code, install.output).toBe(0);
      // No install script to approve, no warning of any kind.
      expect(install.output).not.toMatch(/warn|install-scripts|approve/i);

      writeFileSync(join(dir, '.mcp.json'), JSON.stringify({
        mcpServers: { local: { type: 'stdio', ...testServerCommand('local') }, remote: { type: 'http', url: remote.url } },
      }, null, 2));
      const init = await test.step('npx mcp-journeys init', () => npx(dir, ['mcp-journeys', 'init']));
      expect(init.code, init.output).toBe(0);
      expect(init.output).toBe(readme['init-output']);
      expect(readFileSync(join(dir, 'playwright.config.ts'), 'utf8')).toBe(readme['playwright.config.ts']);
      writeOwnJourney(dir);

      // The editor finds the installed journey schema from each journey's first line, and from the settings.
      const installed = join(dir, 'node_modules', 'mcp-journeys', 'schemas', 'journey.schema.json');
      expect((JSON.parse(readFileSync(installed, 'utf8')) as { title?: string }).title).toBe('journey');
      for (const journey of [...EXAMPLES, JOURNEY]) {
        expect(modelineSchema(join(dir, journey)), journey).toBe(installed);
        expect(settingsSchema(dir, journey), journey).toBe(installed);
      }
      // The probe: a file the settings do not map, and a fragment, mapped to its own schema.
      expect(settingsSchema(dir, 'journeys/notes/readme.md')).toBeUndefined();
      expect(settingsSchema(dir, 'journeys/_shared/setup.yaml')).toBe(join(dir, 'node_modules', 'mcp-journeys', 'schemas', 'fragment.schema.json'));

      const run = await test.step('npx playwright test', () => npx(dir, ['playwright', 'test']));
      expect(run.code, run.output).toBe(0);
      for (const server of ['local', 'remote']) {
        expect(run.output).toContain(`[examples] › journeys/examples/${server}.journey.yaml:8:1 › examples › ${server} lists its tools`);
      }
      expect(run.output).toContain(`[notes] › ${JOURNEY}:3:1 › notes › ${TITLE}`);
      expect(run.output).toMatch(/^ {2}3 passed/m);
      expect(run.output).not.toMatch(/warn|NODE_OPTIONS/i);

      const validate = await test.step('npx mcp-journeys validate', () => npx(dir, ['mcp-journeys', 'validate']));
      expect(validate.code, validate.output).toBe(0);
      expect(validate.output).toBe('config playwright.config.ts, MCP config .mcp.json (default)\n3 journeys valid\n');
      const list = await test.step('npx mcp-journeys list', () => npx(dir, ['mcp-journeys', 'list']));
      expect(list.code, list.output).toBe(0);
      expect(list.stdout).toContain(`examples\n${['local', 'remote'].map((s) => `  journeys/examples/${s}.journey.yaml:8  ${exampleTestId(s)}  ${s} lists its tools\n`).join('')}`);
      expect(list.stdout).toContain(`notes\n  ${JOURNEY}:3  5b0f6c1e-2a3d-4e5f-8a6b-7c8d9e0f1a2b  ${TITLE}\n`);
      const coverage = await test.step('npx mcp-journeys coverage', () => npx(dir, ['mcp-journeys', 'coverage']));
      // No catalogue in the project: per server, the tools the journeys call, and exit 0.
      expect(coverage.code, coverage.output).toBe(0);
      expect(coverage.stdout).toMatch(/^local: /m);
      expect(coverage.stdout).toMatch(/^remote: /m);
      for (const tool of ['echo', 'add', 'fail']) expect(coverage.stdout).toMatch(new RegExp(`\\b${tool}\\b`));
      const report = await test.step('npx mcp-journeys report', () => npx(dir, ['mcp-journeys', 'report']));
      expect(report.code, report.output).toBe(0);
      expect(report.output).toBe(`config playwright.config.ts, Allure results allure-results (default)\nreport: ${pathToFileURL(join(dir, 'allure-report', 'index.html')).href}\n`);

      const results = allureResults(dir);
      expect(results.map((r) => r.fullName).sort()).toEqual([
        ...EXAMPLES.map((e) => `${e} › ${/(\w+)\.journey/.exec(e)?.[1] ?? ''} lists its tools`), `${JOURNEY} › ${TITLE}`,
      ].sort());
      const result = results.find((r) => r.name === TITLE);
      if (!result) throw new Error('no Allure result');
      expect(result.titlePath).toEqual(['journeys', 'notes', 'two-servers.journey.yaml']);
      expect(result.labels).toContainEqual({ name: 'suite', value: 'notes' });
      const named = results.flatMap((r) => [...r.labels.map((l) => `${l.name}=${l.value}`), ...(r.titlePath ?? []), r.fullName ?? '', ...stepNames(r.steps)]);
      expect(named.filter((n) => INSIDES.test(n))).toEqual([]);
      // The probe: the names looked at do include the steps, down to the journeys' own.
      expect(named).toContain('Add over HTTP');
      expect(named).toContain('A prompt it does not have is refused');
    } finally {
      await remote.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
