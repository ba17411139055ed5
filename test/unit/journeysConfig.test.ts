// defineJourneysConfig hands the workers their settings as Playwright options in each project's `use`,
// where the fixtures (src/worker/testFixtures.ts) read them: no process.env write carries them.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { defineJourneysConfig, folderGrep } from '../../src/runner/journeysConfig.js';

const KEYS = ['MCP_JOURNEYS_DIR', 'MCP_JOURNEYS_MCP_CONFIG', 'MCP_JOURNEYS_ALLURE_RESULTS', 'MCP_JOURNEYS_RUN_RECORDS', 'MCP_JOURNEYS_NEGATIVE', 'MCP_JOURNEYS_STACK', 'MCP_JOURNEYS_CATALOGUE', 'MCP_JOURNEYS_VALIDATED'];

test('every project carries the results, run-records and MCP config paths as worker options', () => {
  const saved = KEYS.map((k) => [k, process.env[k]] as const);
  const root = mkdtempSync(join(tmpdir(), 'journeys-config-'));
  try {
    for (const k of KEYS) delete process.env[k];
    mkdirSync(join(root, 'journeys/a'), { recursive: true });
    mkdirSync(join(root, 'journeys/b'), { recursive: true });
    const config = defineJourneysConfig({ rootDir: root, mcpConfig: 'servers.json' });
    const expected = {
      journeyAllureResultsDir: join(root, 'allure-results'),
      journeyRunRecordsDir: join(root, 'test-results/run-records'),
      journeyMcpConfigPath: join(root, 'servers.json'),
    };
    expect(config.projects?.map((p) => [p.name, p.use])).toEqual([['a', expected], ['b', expected]]);
    // Exported as every project setting is (projectSettings.ts), for the commands the run starts; the
    // workers still take it from their options.
    expect(process.env['MCP_JOURNEYS_ALLURE_RESULTS']).toBe(expected.journeyAllureResultsDir);
    expect(process.env['MCP_JOURNEYS_RUN_RECORDS']).toBeUndefined();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(root, { recursive: true, force: true });
  }
});

test('MCP_JOURNEYS_DIR beats the config\'s journeysDir, and the config beats the default', () => {
  const saved = KEYS.map((k) => [k, process.env[k]] as const);
  const root = mkdtempSync(join(tmpdir(), 'journeys-config-'));
  try {
    for (const k of KEYS) delete process.env[k];
    mkdirSync(join(root, 'from-config/a'), { recursive: true });
    mkdirSync(join(root, 'from-env/b'), { recursive: true });
    expect(defineJourneysConfig({ rootDir: root, journeysDir: 'from-config' }).projects?.map((p) => p.name)).toEqual(['a']);
    expect(process.env['MCP_JOURNEYS_DIR']).toBe(join(root, 'from-config'));
    process.env['MCP_JOURNEYS_DIR'] = join(root, 'from-env');
    expect(defineJourneysConfig({ rootDir: root, journeysDir: 'from-config' }).projects?.map((p) => p.name)).toEqual(['b']);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(root, { recursive: true, force: true });
  }
});

test('the project root is the top-level testDir, so reporters name journeys from it; each project still loads the entry spec', () => {
  const saved = KEYS.map((k) => [k, process.env[k]] as const);
  const root = mkdtempSync(join(tmpdir(), 'journeys-config-'));
  try {
    for (const k of KEYS) delete process.env[k];
    mkdirSync(join(root, 'journeys/a'), { recursive: true });
    const config = defineJourneysConfig({ rootDir: root });
    expect(config.testDir).toBe(root);
    expect(config.projects?.map((p) => [p.testDir?.endsWith('suite/'), p.testMatch])).toEqual([[true, 'journeys.spec.ts']]);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder\'s grep takes its own journeys, the entry spec named by a path from the project root or not', () => {
  const grep = folderGrep('a');
  // Playwright's grep title: '', project, spec file (relative to the root), the folder's group, the title.
  expect(grep.test(' a src/suite/journeys.spec.ts a Title @tag')).toBe(true);
  expect(grep.test(' a node_modules/mcp-journeys/src/suite/journeys.spec.ts a Title')).toBe(true);
  expect(grep.test(' a journeys.spec.ts a Title')).toBe(true);
  expect(grep.test(' a src\\suite\\journeys.spec.ts a Title')).toBe(true);
  expect(grep.test(' b src/suite/journeys.spec.ts b Title a ')).toBe(false);
  expect(grep.test(' a src/suite/myjourneys.spec.ts a Title')).toBe(false);
});
