// Files that several Playwright workers write at once (allure-results metadata, run records): a reader
// must never see half a file, and a read-modify-write must not lose another worker's update.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** The file's text, or undefined when it does not exist (or cannot be read). */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes through a temp file in the same directory and renames it over `file` (atomic on POSIX). */
export function writeFileAtomic(file: string, content: string, options: { skipIfSame?: boolean } = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  if (options.skipIfSame && readIfExists(file) === content) return;
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `fn` holding `<file>.lock` (created exclusively). A lock older than 10 s is taken to be left by a
 * crashed worker and removed. Synchronous on purpose: the critical sections are a read and a write.
 */
export function withFileLock<T>(file: string, fn: () => T): T {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      if (isStale(lock)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`could not lock ${file}: ${lock} is held (remove it if no run is in progress)`, { cause: error });
      else sleepSync(5 + Math.random() * 20);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  }
}
