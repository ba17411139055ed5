// Which files a command works on (src/common/findJourneyFiles.ts finds them; default: journeys/), and
// the output format it prints them in.
import { findJourneyFiles } from '../common/findJourneyFiles.js';
import type { Found } from '../common/findJourneyFiles.js';

export const DEFAULT_DIR = 'journeys';
/** The folder of journeys written directly in the directory (the compiler's name for it too). */
export const ROOT_FOLDER = 'journeys';

export type OutputFormat = 'text' | 'json';

/** `--format`: undefined, after saying why on stderr, for anything but text or json (a usage error). */
export function outputFormat(value: string | undefined): OutputFormat | undefined {
  const format = value ?? 'text';
  if (format === 'text' || format === 'json') return format;
  process.stderr.write(`--format must be text or json, got ${format}\n`);
  return undefined;
}

/** The journey files of the arguments (none: the journeys directory of the settings): undefined, after
 * naming them on stderr, when some do not exist. */
export function existingJourneyFiles(paths: readonly string[], journeysDir = DEFAULT_DIR): Found | undefined {
  const found = findJourneyFiles(paths.length > 0 ? paths : [journeysDir]);
  if (found.missing.length === 0) return found;
  process.stderr.write(`no such file or directory: ${found.missing.join(', ')}\n`);
  return undefined;
}

/** `--format` and the journey files, for the commands that read journeys and print a report: undefined
 * after a usage error (already said on stderr). */
export function formatAndFiles(format: string | undefined, paths: readonly string[], journeysDir?: string): { format: OutputFormat; found: Found } | undefined {
  const chosen = outputFormat(format);
  if (!chosen) return undefined;
  const found = existingJourneyFiles(paths, journeysDir);
  return found && { format: chosen, found };
}
