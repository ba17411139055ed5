// Every setting resolves the Playwright way, flag > environment > config file > default, and the
// defaults look for the project's own files (.mcp.json at the root, catalogue.yaml in the journeys).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { EMBEDDED_MCP_CONFIG } from '../../src/common/paths.js';
import { exportSettings, resolveSettings } from '../../src/common/projectSettings.js';

function project(files: string[]): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-settings-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '{}');
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('flag beats environment beats config file beats default, for every setting', () => {
  const { dir, remove } = project([]);
  try {
    const config = { rootDir: 'root', journeysDir: 'cj', mcpConfig: 'c.json', stack: 'c.stack.json', negative: true, catalogue: 'c.yaml', allureResults: 'ca' };
    const env = {
      MCP_JOURNEYS_DIR: 'ej', MCP_JOURNEYS_MCP_CONFIG: 'e.json', MCP_JOURNEYS_STACK: 'e.stack.json', MCP_JOURNEYS_NEGATIVE: '0', MCP_JOURNEYS_CATALOGUE: 'e.yaml',
      MCP_JOURNEYS_ALLURE_RESULTS: 'ea', MCP_JOURNEYS_RESULTS_DIR: 'ep',
    };
    const flags = { mcpConfig: 'f.json', catalogue: 'f.yaml', allureResults: 'fa' };
    const all = resolveSettings({ flags, env, config, cwd: dir });
    expect([all.mcpConfig, all.catalogue, all.allureResults]).toEqual([
      { value: join(dir, 'f.json'), source: 'flag', name: '--mcp-config' },
      { value: join(dir, 'f.yaml'), source: 'flag', name: '--catalogue' },
      { value: join(dir, 'fa'), source: 'flag', name: '--results' },
    ]);
    expect([all.journeysDir.value, all.stack.value, all.negative.value, all.perfResults.value]).toEqual([join(dir, 'ej'), join(dir, 'e.stack.json'), false, join(dir, 'ep')]);
    const noFlags = resolveSettings({ env, config, cwd: dir });
    expect([noFlags.mcpConfig.source, noFlags.catalogue.source, noFlags.allureResults.source, noFlags.mcpConfig.value]).toEqual(['env', 'env', 'env', join(dir, 'e.json')]);
    // Config values are relative to its rootDir.
    const fromConfig = resolveSettings({ env: {}, config, cwd: dir });
    expect(fromConfig).toEqual({
      rootDir: join(dir, 'root'),
      journeysDir: { value: join(dir, 'root/cj'), source: 'config' },
      mcpConfig: { value: join(dir, 'root/c.json'), source: 'config' },
      stack: { value: join(dir, 'root/c.stack.json'), source: 'config' },
      negative: { value: true, source: 'config' },
      catalogue: { value: join(dir, 'root/c.yaml'), source: 'config' },
      allureResults: { value: join(dir, 'root/ca'), source: 'config' },
      perfResults: { value: join(dir, 'root/test-results'), source: 'default' },
    });
    const defaults = resolveSettings({ env: {}, cwd: dir });
    expect(defaults).toEqual({
      rootDir: dir,
      journeysDir: { value: join(dir, 'journeys'), source: 'default' },
      mcpConfig: { value: EMBEDDED_MCP_CONFIG, source: 'default' },
      stack: { value: undefined, source: 'default' },
      negative: { value: false, source: 'default' },
      catalogue: { value: undefined, source: 'default' },
      allureResults: { value: join(dir, 'allure-results'), source: 'default' },
      perfResults: { value: join(dir, 'test-results'), source: 'default' },
    });
  } finally {
    remove();
  }
});

test('the defaults are the project\'s own .mcp.json and journeys/catalogue.yaml when they exist', () => {
  const { dir, remove } = project(['.mcp.json', 'journeys/catalogue.yaml', 'elsewhere/catalogue.yaml']);
  try {
    const settings = resolveSettings({ env: {}, cwd: dir });
    expect(settings.mcpConfig).toEqual({ value: join(dir, '.mcp.json'), source: 'default' });
    expect(settings.catalogue).toEqual({ value: join(dir, 'journeys/catalogue.yaml'), source: 'default' });
    // The catalogue is looked for in the journeys directory in force, wherever that came from.
    expect(resolveSettings({ env: { MCP_JOURNEYS_DIR: 'elsewhere' }, cwd: dir }).catalogue.value).toBe(join(dir, 'elsewhere/catalogue.yaml'));
  } finally {
    remove();
  }
});

test('MCP_JOURNEYS_NEGATIVE: 1/true and 0/false; anything else leaves the config\'s choice', () => {
  for (const [value, expected] of [['1', true], ['true', true], ['0', false], ['false', false], ['yes', true], ['', true]] as const) {
    expect(resolveSettings({ env: { MCP_JOURNEYS_NEGATIVE: value }, config: { negative: true } }).negative.value, value).toBe(expected);
  }
});

test('exported settings resolve to themselves: a worker that reads them sees what the runner chose', () => {
  const { dir, remove } = project([]);
  try {
    const chosen = resolveSettings({ env: {}, config: { journeysDir: 'cj', mcpConfig: 'c.json', negative: true }, cwd: dir });
    const env: Record<string, string | undefined> = {};
    exportSettings(chosen, env);
    const again = resolveSettings({ env, config: { journeysDir: 'other', mcpConfig: 'other.json' }, cwd: dir });
    expect([again.journeysDir.value, again.mcpConfig.value, again.negative.value]).toEqual([chosen.journeysDir.value, chosen.mcpConfig.value, true]);
  } finally {
    remove();
  }
});
