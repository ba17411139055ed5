// The house's boundaries are lint rules: each probe below breaks one rule, and lint must say so. A rule
// whose imports lint cannot resolve passes everything, which is what these probes catch.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { test, expect } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const boundaryRules = new Set(['import-x/no-restricted-paths', 'no-restricted-imports', 'house/no-import-cycle']);

// Only the boundary rules run, so the probes need no type information and no file on disk.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => boundaryRules.has(ruleId),
});

async function lintProbe(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

test('a stage importing a later stage fails lint', async () => {
  const found = await lintProbe('src/common/zzProbe.ts', "import { validateOnce } from '../runner/validateOnce.js';\nexport const x = validateOnce;\n");
  expect(found).toEqual([expect.stringContaining('import-x/no-restricted-paths: Unexpected path "../runner/validateOnce.js" imported in restricted zone. src/common may not import src/runner')]);
});

test('a type-only import across a stage boundary fails lint too', async () => {
  const found = await lintProbe('src/load/zzProbe.ts', "import type { StepPlan } from '../compile/plan.js';\nexport type X = StepPlan;\n");
  expect(found).toEqual([expect.stringContaining('src/load may not import src/compile')]);
});

test('an adapter library imported outside its folder fails lint', async () => {
  const found = await lintProbe('src/compile/zzProbe.ts', "import pg from 'pg';\nexport const x = pg;\n");
  expect(found).toEqual(['no-restricted-imports: \'pg\' import is restricted from being used by a pattern. only src/db/ may import this library']);
});

test('process-tree libraries outside src/process fail lint', async () => {
  const found = await lintProbe('src/servers/zzProbe.ts', "import treeKill from 'tree-kill';\nexport const x = treeKill;\n");
  expect(found).toEqual([expect.stringContaining('only src/process/ may import this library')]);
});

test('the MCP SDK outside src/mcp fails lint', async () => {
  const found = await lintProbe('src/worker/zzProbe.ts', "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const x = Client;\n");
  expect(found).toEqual([expect.stringContaining('only src/mcp/ may import this library')]);
});

test('the runner may not import the reference servers', async () => {
  const found = await lintProbe('src/worker/zzProbe.ts', "import type { HostConfig } from '../../fixtures/servers/shared/config.js';\nexport type Y = HostConfig;\n");
  expect(found).toEqual([expect.stringContaining('the runner talks to the reference servers over MCP only')]);
});

test('an import cycle fails lint, type-only imports included', async () => {
  // types.ts imports machine.ts; a machine.ts that imports types.ts back closes the cycle.
  const found = await lintProbe('src/report/perf/machine.ts', "import type { PerfKind } from './types.js';\nexport type X = PerfKind;\n");
  expect(found).toEqual(['house/no-import-cycle: import cycle: src/report/perf/machine.ts → src/report/perf/types.ts → src/report/perf/machine.ts']);
});

test('an import the rules allow lints clean (the probes fail for the rule, not for the probe)', async () => {
  const found = await lintProbe('src/worker/zzProbe.ts', "import { parseDuration } from '../common/duration.js';\nexport const x = parseDuration;\n");
  expect(found).toEqual([]);
});

test('the worker importing the load stage fails lint (only the plan reaches worker/)', async () => {
  const found = await lintProbe('src/worker/zzProbe.ts', "import type { JourneyDoc } from '../load/journey.js';\nexport type X = JourneyDoc;\n");
  expect(found).toEqual([expect.stringContaining('src/worker may not import src/load')]);
});

test('code inside a test importing the main process fails lint (worker/ may not import runner/)', async () => {
  const found = await lintProbe('src/worker/zzProbe.ts', "import { validateOnce } from '../runner/validateOnce.js';\nexport const x = validateOnce;\n");
  expect(found).toEqual([expect.stringContaining('src/worker may not import src/runner')]);
});

test('the main process importing code that runs inside a test fails lint (runner/ may not import worker/)', async () => {
  const found = await lintProbe('src/runner/zzProbe.ts', "import { JourneyRunner } from '../worker/journeyRunner.js';\nexport const x = JourneyRunner;\n");
  expect(found).toEqual([expect.stringContaining('src/runner may not import src/worker')]);
});

test('the worker importing the spec file\'s folder fails lint (suite/ sits above both sides)', async () => {
  const found = await lintProbe('src/worker/zzProbe.ts', "import { collectJourneys } from '../suite/collect.js';\nexport const x = collectJourneys;\n");
  expect(found).toEqual([expect.stringContaining('src/worker may not import src/suite')]);
});

test('Playwright and Allure are allowed on both sides of the split, and nowhere else', async () => {
  const code = "import { test } from '@playwright/test';\nimport type { Reporter } from '@playwright/test/reporter';\nimport * as allure from 'allure-js-commons';\nexport const x = [test, allure];\nexport type R = Reporter;\n";
  for (const folder of ['runner', 'suite', 'worker']) expect(await lintProbe(`src/${folder}/zzProbe.ts`, code), folder).toEqual([]);
  const found = await lintProbe('src/cli/zzProbe.ts', code);
  expect(found).toHaveLength(3);
  for (const message of found) expect(message).toContain('only src/runner/, src/suite/, src/worker/ may import this library');
});
