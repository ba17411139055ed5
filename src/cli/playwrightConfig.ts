// The project's Playwright config, read by the commands for the options it gives `defineJourneysConfig`:
// found the way `npx playwright test` finds it (playwright.config.{ts,js,mts,mjs,cts,cjs} in the working
// directory, or `--config`), and loaded with Playwright's own loader, so a TypeScript config loads in a
// CommonJS or ESM project alike. Where Playwright cannot be reached (not installed next to us), the
// fallback is Node's own import(), which loads a JavaScript config.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { messageOf } from '../common/messageOf.js';
import { captureConfig } from '../common/projectSettings.js';
import type { JourneysFileOptions } from '../common/projectSettings.js';

const NAMES = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'].map((ext) => `playwright.config${ext}`);

export interface LoadedPlaywrightConfig {
  /** The config file, undefined when the project has none. */
  file: string | undefined;
  /** What it gave `defineJourneysConfig`; undefined when it never called it. */
  options: JourneysFileOptions | undefined;
}

/** A config that cannot be loaded: the command stops (exit 2) with this one line. */
export class PlaywrightConfigError extends Error {
  override readonly name = 'PlaywrightConfigError';
}

export function findPlaywrightConfig(option: string | undefined, cwd = process.cwd()): string | undefined {
  if (option !== undefined) {
    const chosen = resolve(cwd, option);
    if (!existsSync(chosen)) throw new PlaywrightConfigError(`--config: no such file or directory: ${option}`);
    if (!statSync(chosen).isDirectory()) return chosen;
    return NAMES.map((name) => join(chosen, name)).find((file) => existsSync(file));
  }
  return NAMES.map((name) => join(cwd, name)).find((file) => existsSync(file));
}

type Loader = (file: string) => Promise<unknown>;

/** Playwright's `requireOrImport` (its Babel transform, for CommonJS and ESM), from the project first. */
function playwrightLoader(cwd: string): Loader | undefined {
  for (const from of [join(cwd, 'package.json'), import.meta.url]) {
    try {
      const common = createRequire(from)('playwright/lib/common') as { transform?: { requireOrImport?: unknown } };
      const load = common.transform?.requireOrImport;
      if (typeof load === 'function') return (file) => Promise.resolve((load as Loader)(file));
    } catch {
      // Not reachable from here: try the next place, then the fallback.
    }
  }
  return undefined;
}

export async function loadPlaywrightConfig(option: string | undefined, cwd = process.cwd()): Promise<LoadedPlaywrightConfig> {
  const file = findPlaywrightConfig(option, cwd);
  if (file === undefined) return { file, options: undefined };
  const load = playwrightLoader(cwd) ?? ((f: string) => import(pathToFileURL(f).href) as Promise<unknown>);
  return captureConfig(async (capture) => {
    try {
      await load(file);
    } catch (error) {
      throw new PlaywrightConfigError(`cannot load ${file}: ${messageOf(error).split('\n')[0] ?? ''}`);
    }
    return { file, options: capture.options };
  });
}
