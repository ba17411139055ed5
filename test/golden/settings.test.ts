// Golden output of the commands' settings in a project of their own: which Playwright config and which
// MCP configuration each used (one line on stderr), and that a flag beats the environment, the
// environment the config file, the config file the defaults. UPDATE_GOLDEN=1 rewrites settings/list.out.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/mcp-journeys.js');
const INDEX = join(ROOT, 'src/index.ts');

function journey(id: string, name: string): string {
  return `test_id: ${id}\ntest_name: ${name}\ndescription: d\nservers_required: [test]\ntest_steps:\n  - call: test.echo\n    args: { text: hi }\n    expect: { result: { $.text: hi } }\n`
    + '  - call: test.fail\n    args: { message: no }\n    expect: { error: { matches: no } }\n';
}

const FILES: Record<string, string> = {
  // ESM, as the config imports the runner's TypeScript sources (an installed project imports its build).
  'package.json': '{ "type": "module" }\n',
  'playwright.config.ts': `import { defineJourneysConfig } from ${JSON.stringify(INDEX)};\nexport default defineJourneysConfig({ journeysDir: 'suite', mcpConfig: 'servers.json', allureResults: 'out/allure' });\n`,
  'servers.json': JSON.stringify({ mcpServers: { test: { command: 'node', tools: ['echo', 'fail'] } } }),
  '.mcp.json': JSON.stringify({ mcpServers: { other: { command: 'node', tools: ['echo'] } } }),
  'suite/a/one.journey.yaml': journey('5d2e8a41-7c3b-4f60-9a1e-3b8c6d2f4e11', 'From the config\'s journeysDir'),
  'elsewhere/b/two.journey.yaml': journey('5d2e8a41-7c3b-4f60-9a1e-3b8c6d2f4e12', 'From MCP_JOURNEYS_DIR'),
  'journeys/c/three.journey.yaml': journey('5d2e8a41-7c3b-4f60-9a1e-3b8c6d2f4e13', 'From the default journeys/'),
  'plain/playwright.config.js': 'export default { testDir: "." };\n',
  'broken/playwright.config.ts': 'throw new Error("the config fails");\nexport default {};\n',
  'perf/.keep': '',
};

function writeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-settings-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function expectGolden(name: string, runs: string[], dir: string): void {
  const output = runs.join('').split(dir).join('<project>').replace(new RegExp(`(\\.\\./)*${ROOT.slice(1)}|${ROOT}`, 'g'), '<repo>/');
  const golden = join(ROOT, 'test/golden/settings', name);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, output);
  expect(output).toBe(readFileSync(golden, 'utf8'));
}

function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MCP_JOURNEYS_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...clean, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      // A path the command prints relative to its cwd depends on where the checkout is: name it <repo>.
      const text = `${stderr}${stdout}`.split(`${relative(cwd, ROOT)}/`).join('<repo>/');
      resolve(`$ ${Object.entries(env).map(([k, v]) => `${k}=${v} `).join('')}mcp-journeys ${args.join(' ')}\n[exit ${code}]\n${text}\n`);
    });
  });
}

test('list: flag > environment > playwright.config.ts > default, and the line that says which were used', async () => {
  // Seven commands one after the other, each loading a Playwright config.
  test.setTimeout(240_000);
  const dir = writeProject();
  try {
    const runs = [
      await cli(dir, ['list']),
      await cli(dir, ['list'], { MCP_JOURNEYS_DIR: 'elsewhere', MCP_JOURNEYS_MCP_CONFIG: '.mcp.json' }),
      await cli(dir, ['list', '--mcp-config', '.mcp.json'], { MCP_JOURNEYS_MCP_CONFIG: 'servers.json' }),
      await cli(dir, ['list', '--config', 'plain']),
      await cli(join(dir, 'journeys'), ['list', '.']),
      await cli(dir, ['list', '--config', 'broken']),
      await cli(dir, ['list', '--config', 'no-such-config.ts']),
    ];
    expectGolden('list.out', runs, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('report and merge-results: flag > environment > playwright.config.ts > default, and the line that says which', async () => {
  test.setTimeout(240_000);
  const dir = writeProject();
  try {
    const runs = [
      await cli(dir, ['report']),
      await cli(dir, ['report'], { MCP_JOURNEYS_ALLURE_RESULTS: 'env-results' }),
      await cli(dir, ['report', '--results', 'flag-results'], { MCP_JOURNEYS_ALLURE_RESULTS: 'env-results' }),
      await cli(dir, ['report', '--config', 'plain']),
      await cli(dir, ['merge-results']),
      await cli(dir, ['merge-results'], { MCP_JOURNEYS_RESULTS_DIR: 'perf' }),
      await cli(dir, ['merge-results', 'perf', 'elsewhere'], { MCP_JOURNEYS_RESULTS_DIR: 'perf' }),
    ];
    expectGolden('results.out', runs, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
