// One source of configuration for the runner and the CLI. Every setting is resolved the way Playwright
// resolves its own: a command-line flag, else the environment, else the Playwright config file
// (`defineJourneysConfig({...})`), else the default. Paths from a flag or the environment are relative
// to the working directory, paths from the config file to its `rootDir`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMBEDDED_MCP_CONFIG, RESULTS_DIR_ENV } from './paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What a Playwright config file may set (the options of `defineJourneysConfig`, but `playwright`). */
export interface JourneysFileOptions {
  /** Directory the journeys directory and outputs are relative to (default: the working directory). */
  rootDir?: string;
  /** The journeys directory (default `journeys`). */
  journeysDir?: string;
  /** Claude Code `.mcp.json` describing the servers (default `.mcp.json` in `rootDir` when there is one,
   * else the package's embedded stack, `fixtures/mcp.json`). */
  mcpConfig?: string;
  /** The stack definition: how the runner launches the servers (default: the `.stack.json` beside the MCP
   * configuration, e.g. `.mcp.stack.json` for `.mcp.json`). */
  stack?: string;
  /** Include the `negative` folder (journeys meant to fail). */
  negative?: boolean;
  /** The scenario catalogue `coverage` checks (default `catalogue.yaml` in the journeys directory when
   * there is one; without a catalogue coverage counts tools and edges only). */
  catalogue?: string;
  /** Where a run writes its Allure results and `report` reads them (default `allure-results`). */
  allureResults?: string;
}

/** The flags a command was given; undefined where it has none (or was not given it). */
export interface SettingFlags {
  /** `coverage <dir>`: the one directory a command was given is the journeys directory. */
  journeysDir?: string | undefined;
  mcpConfig?: string | undefined;
  catalogue?: string | undefined;
  allureResults?: string | undefined;
}

/** Where a value came from, for the line a command prints about what it used. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';

export interface Setting<T> {
  value: T;
  source: SettingSource;
  /** The flag or variable that gave it (`--mcp-config`, `MCP_JOURNEYS_MCP_CONFIG`). */
  name?: string;
}

export interface ProjectSettings {
  rootDir: string;
  journeysDir: Setting<string>;
  mcpConfig: Setting<string>;
  stack: Setting<string | undefined>;
  negative: Setting<boolean>;
  catalogue: Setting<string | undefined>;
  allureResults: Setting<string>;
  /** The benchmark and load results a run writes (no config key: a test's own folder under test-results/
   * unless the environment says where). */
  perfResults: Setting<string>;
}

export const SETTING_ENV = {
  journeysDir: 'MCP_JOURNEYS_DIR',
  mcpConfig: 'MCP_JOURNEYS_MCP_CONFIG',
  stack: 'MCP_JOURNEYS_STACK',
  negative: 'MCP_JOURNEYS_NEGATIVE',
  catalogue: 'MCP_JOURNEYS_CATALOGUE',
  allureResults: RESULTS_DIR_ENV,
  perfResults: 'MCP_JOURNEYS_RESULTS_DIR',
} as const;

/** The project's own Claude Code configuration, when it has one. */
export const PROJECT_MCP_CONFIG = '.mcp.json';
/** The scenario catalogue's file name in the journeys directory. */
export const CATALOGUE_FILE = 'catalogue.yaml';

interface Sources {
  flags?: SettingFlags;
  env?: Env;
  config?: JourneysFileOptions;
  cwd?: string;
}

function path(flag: string | undefined, flagName: string, env: Env, envName: string, config: string | undefined, root: string, cwd: string): Setting<string> | undefined {
  if (flag) return { value: resolve(cwd, flag), source: 'flag', name: flagName };
  const fromEnv = env[envName];
  if (fromEnv) return { value: resolve(cwd, fromEnv), source: 'env', name: envName };
  if (config) return { value: resolve(root, config), source: 'config' };
  return undefined;
}

/** `1`/`true` and `0`/`false`; anything else is as if unset. */
function flagValue(text: string | undefined): boolean | undefined {
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return undefined;
}

export function resolveSettings({ flags = {}, env = process.env, config = {}, cwd = process.cwd() }: Sources = {}): ProjectSettings {
  const rootDir = resolve(cwd, config.rootDir ?? '.');
  const journeysDir = path(flags.journeysDir, 'the directory given', env, SETTING_ENV.journeysDir, config.journeysDir, rootDir, cwd)
    ?? { value: resolve(rootDir, 'journeys'), source: 'default' };
  const projectMcp = resolve(rootDir, PROJECT_MCP_CONFIG);
  const mcpConfig = path(flags.mcpConfig, '--mcp-config', env, SETTING_ENV.mcpConfig, config.mcpConfig, rootDir, cwd)
    ?? { value: existsSync(projectMcp) ? projectMcp : EMBEDDED_MCP_CONFIG, source: 'default' };
  const stack = path(undefined, '', env, SETTING_ENV.stack, config.stack, rootDir, cwd) ?? { value: undefined, source: 'default' };
  const negativeEnv = flagValue(env[SETTING_ENV.negative]);
  const negative: Setting<boolean> = negativeEnv !== undefined ? { value: negativeEnv, source: 'env', name: SETTING_ENV.negative }
    : config.negative !== undefined ? { value: config.negative, source: 'config' } : { value: false, source: 'default' };
  const inJourneys = resolve(journeysDir.value, CATALOGUE_FILE);
  const catalogue = path(flags.catalogue, '--catalogue', env, SETTING_ENV.catalogue, config.catalogue, rootDir, cwd)
    ?? { value: existsSync(inJourneys) ? inJourneys : undefined, source: 'default' };
  const allureResults = path(flags.allureResults, '--results', env, SETTING_ENV.allureResults, config.allureResults, rootDir, cwd)
    ?? { value: resolve(rootDir, 'allure-results'), source: 'default' };
  const perfResults = path(undefined, '', env, SETTING_ENV.perfResults, undefined, rootDir, cwd)
    ?? { value: resolve(rootDir, 'test-results'), source: 'default' };
  return { rootDir, journeysDir, mcpConfig, stack, negative, catalogue, allureResults, perfResults };
}

/** The settings as the environment of the processes started after this one (Playwright's workers, the
 * spec file, the stack definition's lookup): each variable then holds the resolved value. */
export function exportSettings(settings: ProjectSettings, env: Record<string, string | undefined> = process.env): void {
  env[SETTING_ENV.journeysDir] = settings.journeysDir.value;
  env[SETTING_ENV.mcpConfig] = settings.mcpConfig.value;
  if (settings.stack.value) env[SETTING_ENV.stack] = settings.stack.value;
  env[SETTING_ENV.negative] = settings.negative.value ? '1' : '0';
  if (settings.catalogue.value) env[SETTING_ENV.catalogue] = settings.catalogue.value;
  env[SETTING_ENV.allureResults] = settings.allureResults.value;
}

const CAPTURE = Symbol.for('mcp-journeys.config-capture');

/** What `defineJourneysConfig` was given while a command loaded the Playwright config. */
export interface ConfigCapture {
  options?: JourneysFileOptions;
}

/** While set, `defineJourneysConfig` records its options here and does nothing else (no validation, no
 * environment): the CLI reads the config, it does not run it. A global, because the config may load
 * another copy of this module (Playwright's loader, or the compiled package beside the sources). */
export function captureConfig<T>(load: (capture: ConfigCapture) => Promise<T>): Promise<T> {
  const capture: ConfigCapture = {};
  const holder = globalThis as Record<symbol, unknown>;
  holder[CAPTURE] = capture;
  return load(capture).finally(() => { delete holder[CAPTURE]; });
}

export function activeCapture(): ConfigCapture | undefined {
  return (globalThis as Record<symbol, ConfigCapture | undefined>)[CAPTURE];
}
