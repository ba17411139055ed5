// Which files are journeys: the files given, and every *.journey.yaml under the directories given
// (fragments in _shared/ are not journeys), in a stable order. The one discovery the runner's collection
// and every CLI command share, so `mcp-journeys validate journeys` checks exactly the files a run plays.
import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

const SHARED = '_shared';

export interface Found {
  files: string[];
  /** The folder (suite) of each file found below a directory: its first directory under it. Files
   * directly in a directory, and files given by name, have none. */
  folders: Map<string, string>;
  /** Arguments that are neither a file nor a directory. */
  missing: string[];
  /** What the search itself ran into: symbolic links that loop back to a folder that holds them. */
  diagnostics: Diagnostic[];
}

export function findJourneyFiles(paths: readonly string[]): Found {
  const found: Found = { files: [], folders: new Map(), missing: [], diagnostics: [] };
  // Real paths of the folders searched and the files found: a folder or file reached through several
  // links is searched or listed once.
  const visited = new Set<string>();
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      found.missing.push(path);
      continue;
    }
    if (!isDir) {
      found.files.push(path);
      continue;
    }
    const entries: string[] = [];
    search(path, '', { visited, chain: [], plain: plainFolders(path), out: entries, diagnostics: found.diagnostics });
    for (const rel of entries.sort()) {
      const [first, ...rest] = rel.split(sep);
      found.files.push(join(path, rel));
      if (first !== undefined && rest.length > 0) found.folders.set(join(path, rel), first);
    }
  }
  return found;
}

interface Search {
  visited: Set<string>;
  /** Real paths of the folders from the search root down to the one being read. */
  chain: string[];
  /** Real paths of the folders under the root reached without a link: a link to one is not followed,
   * so its journeys keep their own path and folder. */
  plain: Set<string>;
  out: string[];
  diagnostics: Diagnostic[];
}

/** Journeys under `root/rel`, as paths relative to `root`. Symbolic links are followed once. */
function search(root: string, rel: string, state: Search): void {
  const { visited, chain } = state;
  const dir = join(root, rel);
  const real = realPath(dir);
  if (real === undefined || visited.has(real)) return;
  visited.add(real);
  chain.push(real);
  try {
    read(root, rel, real, state);
  } finally {
    chain.pop();
  }
}

function read(root: string, rel: string, real: string, state: Search): void {
  const { visited, chain, plain, diagnostics, out } = state;
  const dir = join(root, rel);
  let entries;
  try {
    // Plain entries before links, so a file or folder reached both ways is kept under its own name.
    entries = readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return;
  }
  for (const entry of entries) {
    const child = rel === '' ? entry.name : join(rel, entry.name);
    const path = join(root, child);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        // A broken link is still listed when it is named like a journey: reading it says what is wrong.
        isDir = false;
      }
      const target = isDir ? realPath(path) : undefined;
      // A link to a folder on the way down (or above it) leads back here: a loop, not more journeys.
      if (target !== undefined && (chain.includes(target) || contains(target, real))) {
        diagnostics.push(symlinkLoop(path, target));
        continue;
      }
      if (target !== undefined && plain.has(target)) continue;
    }
    if (isDir) {
      if (entry.name !== SHARED) search(root, child, state);
    } else if (entry.name.endsWith('.journey.yaml')) {
      const realFile = realPath(path);
      if (realFile !== undefined && visited.has(realFile)) continue;
      if (realFile !== undefined) visited.add(realFile);
      out.push(child);
    }
  }
}

function plainFolders(root: string): Set<string> {
  const folders = new Set<string>();
  const walk = (dir: string): void => {
    const real = realPath(dir);
    if (real === undefined || folders.has(real)) return;
    folders.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && entry.name !== SHARED) walk(join(dir, entry.name));
  };
  walk(root);
  return folders;
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether `folder` is `inner` or one of the folders above it. */
function contains(folder: string, inner: string): boolean {
  const rel = relative(folder, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function symlinkLoop(link: string, target: string): Diagnostic {
  let written = target;
  try {
    written = readlinkSync(link);
  } catch {
    // The link was there a moment ago; its resolved target says enough.
  }
  const shown = displayed(link);
  return {
    code: 'JOURNEY_SYMLINK_LOOP', severity: 'warning', file: shown, start: { line: 1, column: 1 },
    message: `symbolic link loop: ${shown} points to "${written}" (${displayed(target)}), a folder that holds it`,
    expected: 'links to folders outside the one they are in', found: `a link back to ${displayed(target)}`,
    hint: 'the folder is searched once and the link is not followed; remove the link or point it elsewhere',
  };
}

/** Relative to the working directory when inside it, as the other diagnostics name files. */
function displayed(path: string): string {
  const rel = relative(process.cwd(), path);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}
