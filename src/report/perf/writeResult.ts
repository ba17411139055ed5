// Result files: test-results/benchmark-<slug>-<id>.json and test-results/load-<slug>-<id>.json, written
// whole or not at all (several Playwright workers write into the same folder; a reader, such as
// merge-results after a crashed shard, must never find half a file).
import { isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from '../files.js';
import type { PerfResult } from './types.js';

export const DEFAULT_RESULTS_DIR = 'test-results';

/** Lowercase words joined by dashes, at most 50 characters: readable in a file listing. */
export function nameSlug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50).replace(/-+$/, '') || 'result';
}

export function resultId(result: PerfResult): string {
  return result.kind === 'benchmark' ? result.benchmark_id : result.load_test_id;
}

export function resultFileName(result: PerfResult): string {
  const name = result.test_name ? `${result.test_name} ${result.operation}` : result.operation;
  return `${result.kind}-${nameSlug(name)}-${resultId(result)}.json`;
}

/** Writes the result under `dir` (relative to the working directory) and returns the file's path. */
export function writeResult(result: PerfResult, dir = DEFAULT_RESULTS_DIR): string {
  const file = join(isAbsolute(dir) ? dir : resolve(dir), resultFileName(result));
  writeFileAtomic(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** Whether a file name is one of ours (what merge-results reads from a folder). */
export function isResultFileName(name: string): boolean {
  return /^(benchmark|load)-.+\.json$/.test(name);
}
