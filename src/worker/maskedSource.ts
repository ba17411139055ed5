// A journey file that holds a secret (a literal `password:` argument) would show it in the code frame of
// every failure in it: Playwright reads the file a stack frame names, a few lines around it for the
// console and two hundred for error-context.md, in a place no reporter reaches. Frames into such a file
// name a copy with the secrets masked instead, beside the test results; every other file is named as it is.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { journeysDir } from '../common/paths.js';
import { maskText } from '../report/mask.js';

let copiesDir: string | undefined;
const sources = new Map<string, string | undefined>();
const written = new Map<string, string>();

/** Where masked copies go (the project's output directory, cleaned by Playwright at each run). */
export function maskSourcesInto(dir: string): void {
  copiesDir = dir;
}

function readSource(file: string): string | undefined {
  if (!sources.has(file)) {
    try {
      sources.set(file, readFileSync(file, 'utf8'));
    } catch {
      sources.set(file, undefined);
    }
  }
  return sources.get(file);
}

function copyPath(dir: string, file: string): string {
  const inJourneys = relative(journeysDir(process.cwd()), file);
  if (inJourneys && !inJourneys.startsWith('..') && !isAbsolute(inJourneys)) return join(dir, inJourneys);
  return join(dir, createHash('sha256').update(file).digest('hex').slice(0, 12), basename(file));
}

/** The file a stack frame should name for `file`: itself, or its masked copy when it holds a secret. */
export function frameFile(file: string): string {
  const dir = copiesDir;
  const source = dir === undefined ? undefined : readSource(file);
  if (dir === undefined || source === undefined) return file;
  const masked = maskText(source);
  if (masked === source) return file;
  const copy = copyPath(dir, file);
  if (written.get(copy) === masked) return copy;
  try {
    mkdirSync(join(copy, '..'), { recursive: true });
    // Another worker may write the same copy: each writes whole, then renames.
    const temp = `${copy}.${process.pid}.tmp`;
    writeFileSync(temp, masked);
    renameSync(temp, copy);
    written.set(copy, masked);
    return copy;
  } catch {
    // No copy, no frame into the secret: Playwright shows the message without a code frame.
    return join(dir, 'unavailable', basename(file));
  }
}
