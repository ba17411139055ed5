// Which files a command works on: the files given, and every *.journey.yaml under the directories given
// (fragments in _shared/ are not journeys). Default: journeys/.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export const DEFAULT_DIR = 'journeys';
const SHARED = '_shared';
/** The folder of journeys written directly in the directory (the compiler's name for it too). */
export const ROOT_FOLDER = 'journeys';

export interface Found {
  files: string[];
  /** The folder (suite) of each file found under a directory: its first directory below it. */
  folders: Map<string, string>;
  /** Arguments that are neither a file nor a directory. */
  missing: string[];
}

export function findJourneyFiles(paths: readonly string[]): Found {
  const files: string[] = [];
  const folders = new Map<string, string>();
  const missing: string[] = [];
  for (const path of paths.length > 0 ? paths : [DEFAULT_DIR]) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (!isDir) {
      files.push(path);
      continue;
    }
    const entries = readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((rel) => rel.endsWith('.journey.yaml') && !rel.split(sep).includes(SHARED))
      .sort();
    for (const rel of entries) {
      const parts = rel.split(sep);
      files.push(join(path, rel));
      folders.set(join(path, rel), parts.length > 1 ? (parts[0] ?? ROOT_FOLDER) : ROOT_FOLDER);
    }
  }
  return { files, folders, missing };
}

export type OutputFormat = 'text' | 'json';

/** `--format`: undefined, after saying why on stderr, for anything but text or json (a usage error). */
export function outputFormat(value: string | undefined): OutputFormat | undefined {
  const format = value ?? 'text';
  if (format === 'text' || format === 'json') return format;
  process.stderr.write(`--format must be text or json, got ${format}\n`);
  return undefined;
}

/** The journey files of the arguments: undefined, after naming them on stderr, when some do not exist. */
export function existingJourneyFiles(paths: readonly string[]): Found | undefined {
  const found = findJourneyFiles(paths);
  if (found.missing.length === 0) return found;
  process.stderr.write(`no such file or directory: ${found.missing.join(', ')}\n`);
  return undefined;
}

/** `--format` and the journey files, for the commands that read journeys and print a report: undefined
 * after a usage error (already said on stderr). */
export function formatAndFiles(format: string | undefined, paths: readonly string[]): { format: OutputFormat; found: Found } | undefined {
  const chosen = outputFormat(format);
  if (!chosen) return undefined;
  const found = existingJourneyFiles(paths);
  return found && { format: chosen, found };
}
