// Which files are journeys: the files given, and every *.journey.yaml under the directories given
// (fragments in _shared/ are not journeys), in a stable order. The one discovery the runner's collection
// and every CLI command share, so `mcp-journeys validate journeys` checks exactly the files a run plays.
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

const SHARED = '_shared';

export interface Found {
  files: string[];
  /** The folder (suite) of each file found below a directory: its first directory under it. Files
   * directly in a directory, and files given by name, have none. */
  folders: Map<string, string>;
  /** Arguments that are neither a file nor a directory. */
  missing: string[];
}

export function findJourneyFiles(paths: readonly string[]): Found {
  const files: string[] = [];
  const folders = new Map<string, string>();
  const missing: string[] = [];
  for (const path of paths) {
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
      const [first, ...rest] = rel.split(sep);
      files.push(join(path, rel));
      if (first !== undefined && rest.length > 0) folders.set(join(path, rel), first);
    }
  }
  return { files, folders, missing };
}
