// Journeys → plans, for the config (validation before anything runs) and the entry spec (one test each).
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import { formatDiagnostics } from '../common/formatDiagnostic.js';
import { compileJourney } from '../compile/compileJourney.js';
import type { JourneyPlan } from '../compile/plan.js';
import { loadMcpConfig } from '../mcp/index.js';
import type { ValidationContext } from '../validate/types.js';
import { validateJourneys } from '../validate/validateJourneys.js';

const SHARED = '_shared';

/** Every `*.journey.yaml` under `dir`, outside `_shared/`, in a stable order (as `mcp-journeys validate`). */
export function findJourneyFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((rel) => rel.endsWith('.journey.yaml') && !rel.split(sep).includes(SHARED))
    .map((rel) => join(dir, rel))
    .sort();
}

/** Any variable reads as "1": `${PORT}` in a URL still makes a valid URL, and values do not matter here. */
const ANY_ENV = new Proxy({}, { get: () => '1' }) as Record<string, string>;

/** Server names and declared tools, for validation. */
export function serversOf(mcpConfigPath: string): ValidationContext {
  const config = loadMcpConfig(mcpConfigPath, ANY_ENV);
  const servers: Record<string, { tools?: string[] }> = {};
  for (const [name, entry] of Object.entries(config.servers)) servers[name] = entry.tools ? { tools: entry.tools } : {};
  return { servers };
}

export interface Collected {
  plans: JourneyPlan[];
  diagnostics: Diagnostic[];
  /** The diagnostics as the CLI prints them (code frames, summary line). */
  report: string;
}

export function collectJourneys(dir: string, mcpConfigPath: string): Collected {
  const files = findJourneyFiles(dir);
  const result = validateJourneys(files, serversOf(mcpConfigPath));
  const report = formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked);
  const plans = result.journeys.map((journey) => compileJourney(journey, { journeysDir: dir }));
  return { plans, diagnostics: result.diagnostics, report };
}

/** Plans grouped by folder (project), folders in the order first seen. */
export function byFolder(plans: JourneyPlan[]): Map<string, JourneyPlan[]> {
  const groups = new Map<string, JourneyPlan[]>();
  for (const plan of plans) groups.set(plan.folder, [...(groups.get(plan.folder) ?? []), plan]);
  return groups;
}
