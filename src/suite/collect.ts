// Journeys → plans, for the config (validation before anything runs) and the entry spec (one test each).
import { relative } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import { findJourneyFiles } from '../common/findJourneyFiles.js';
import { formatDiagnostics } from '../common/formatDiagnostic.js';
import { compileJourney } from '../compile/compileJourney.js';
import type { JourneyPlan } from '../compile/plan.js';
import { configuredServers, missingServers } from '../mcp/index.js';
import { validateJourneys } from '../validate/validateJourneys.js';

export interface Collected {
  plans: JourneyPlan[];
  diagnostics: Diagnostic[];
  /** The diagnostics as the CLI prints them (code frames, summary line). */
  report: string;
  /** Why a journey is skipped: it needs servers the active MCP configuration does not define. */
  skipped: Map<JourneyPlan, string>;
  /** Every journey read, as plain data, valid or not: what its diagnostics quote may hold its secrets. */
  documents: unknown[];
}

export function collectJourneys(dir: string, mcpConfigPath: string): Collected {
  // A journeys directory that does not exist yet holds no journeys.
  const found = findJourneyFiles([dir]);
  const context = configuredServers(mcpConfigPath);
  const result = validateJourneys(found.files, context, found.diagnostics);
  const report = formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked);
  const plans = result.journeys.map((journey) => compileJourney(journey, { journeysDir: dir }));
  const skipped = new Map<JourneyPlan, string>();
  for (const plan of plans) {
    const missing = missingServers(plan.servers, context.servers);
    if (missing.length > 0) skipped.set(plan, skipReason(missing, mcpConfigPath));
  }
  return { plans, diagnostics: result.diagnostics, report, skipped, documents: result.checkedJourneys.map((j) => j.source.value) };
}

function skipReason(missing: string[], mcpConfigPath: string): string {
  return `needs ${missing.join(', ')}, which the MCP configuration ${relative(process.cwd(), mcpConfigPath) || mcpConfigPath} does not define`;
}

/** One line per skipped journey, for the runner's console (also under `--list`). */
export function skippedSummary(collected: Collected): string {
  if (collected.skipped.size === 0) return '';
  const lines = [...collected.skipped].map(([plan, why]) => `  - ${relative(process.cwd(), plan.file)}: ${plan.title} (${why})\n`);
  return `mcp-journeys: ${collected.skipped.size} of ${collected.plans.length} journeys skipped:\n${lines.join('')}`;
}

/** Plans grouped by folder (project), folders in the order first seen. */
export function byFolder(plans: JourneyPlan[]): Map<string, JourneyPlan[]> {
  const groups = new Map<string, JourneyPlan[]>();
  for (const plan of plans) groups.set(plan.folder, [...(groups.get(plan.folder) ?? []), plan]);
  return groups;
}
