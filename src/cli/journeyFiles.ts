// Which files a command works on: the files given, and every *.journey.yaml under the directories given
// (fragments in _shared/ are not journeys). Default: journeys/.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export const DEFAULT_DIR = 'journeys';
const SHARED = '_shared';

export interface Found {
  files: string[];
  /** Arguments that are neither a file nor a directory. */
  missing: string[];
}

export function findJourneyFiles(paths: readonly string[]): Found {
  const files: string[] = [];
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
    files.push(...entries.map((rel) => join(path, rel)));
  }
  return { files, missing };
}
