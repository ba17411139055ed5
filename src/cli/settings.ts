// The settings a command works with: its flags, else the environment, else the project's Playwright
// config, else the defaults (src/common/projectSettings.ts), the same resolution `npx playwright test`
// goes through. Each command says on stderr which config and which MCP configuration it used.
import { relative } from 'node:path';
import { EMBEDDED_MCP_CONFIG } from '../common/paths.js';
import { exportSettings, resolveSettings } from '../common/projectSettings.js';
import type { ProjectSettings, Setting, SettingFlags } from '../common/projectSettings.js';
import { loadPlaywrightConfig, PlaywrightConfigError } from './playwrightConfig.js';

export interface CommandSettings extends ProjectSettings {
  /** The Playwright config read, undefined when the project has none. */
  configFile: string | undefined;
}

/** How a command names a path: relative to the working directory. */
export function shown(file: string): string {
  return relative(process.cwd(), file) || '.';
}

function origin(setting: Setting<unknown>, configFile: string | undefined): string {
  if (setting.source === 'flag' || setting.source === 'env') return setting.name ?? setting.source;
  if (setting.source === 'config' && configFile) return shown(configFile);
  return 'default';
}

/** What a command's line names besides the config, when not the servers (`Allure results allure-results`). */
export type SettingsAbout = (settings: ProjectSettings) => { label: string; shown: string; setting: Setting<unknown> };

/** `config playwright.config.ts, MCP config .mcp.json (default)`. */
export function settingsLine(settings: CommandSettings, called: boolean, about?: SettingsAbout): string {
  const config = settings.configFile === undefined ? 'no Playwright config (defaults)'
    : `${shown(settings.configFile)}${called ? '' : ' (no defineJourneysConfig call: defaults)'}`;
  if (about) {
    const named = about(settings);
    return `config ${config}, ${named.label} ${named.shown} (${origin(named.setting, settings.configFile)})`;
  }
  const mcp = settings.mcpConfig;
  const embedded = mcp.source === 'default' && mcp.value === EMBEDDED_MCP_CONFIG ? ': the embedded stack, no .mcp.json here' : '';
  return `config ${config}, MCP config ${shown(mcp.value)} (${origin(mcp, settings.configFile)}${embedded})`;
}

/** The settings, after one line about them on stderr; a config that cannot be loaded is that line's
 * reason and exit code 2. `configOption` is the command's `--config`. */
export async function commandSettings(flags: SettingFlags, configOption: string | undefined, about?: SettingsAbout): Promise<CommandSettings | number> {
  let loaded;
  try {
    loaded = await loadPlaywrightConfig(configOption);
  } catch (error) {
    if (!(error instanceof PlaywrightConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const settings: CommandSettings = { ...resolveSettings({ flags, config: loaded.options ?? {} }), configFile: loaded.file };
  // What the command calls next (the stack definition's lookup, the live servers) reads the environment.
  exportSettings(settings);
  process.stderr.write(`${settingsLine(settings, loaded.options !== undefined, about)}\n`);
  return settings;
}
