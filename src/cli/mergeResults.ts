// `mcp-journeys merge-results [dirs or files…] [--output test-results/merged]`
// Benchmark and load test results from several shards → one result per benchmark or load test, merged
// exactly from their histograms, plus a summary table. Allure results need no merging: point the report
// at every shard's allure-results (or copy them into one folder).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeResults } from '../report/perf/merge.js';
import { readResultFile } from '../report/perf/readResult.js';
import type { PerfResult } from '../report/perf/types.js';
import { figuresOf } from '../report/perf/types.js';
import { isResultFileName, resultId, writeResult } from '../report/perf/writeResult.js';
import { oneLine } from './main.js';
import { commandSettings, shown } from './settings.js';
import type { ProjectSettings } from '../common/projectSettings.js';

const USAGE = `Usage: mcp-journeys merge-results [dir or file]... [--output <dir>] [--config <file>]

Merges benchmark-*.json and load-*.json results of the same benchmark or load test (same test_id and
operation) from several shards: histograms are added, so percentiles are those of every call; counts
and errors by kind are summed; time series are concatenated. Folders are searched recursively; with
none given, the run's results: MCP_JOURNEYS_RESULTS_DIR, else test-results/.

  --output  where the merged results go (default: test-results/merged); never read as input
  --config  the Playwright config (default: playwright.config.* here); its rootDir holds the defaults

Exit codes: 0 merged, 2 bad input (missing path, invalid result file, nothing to merge).
`;

function parse(args: string[]) {
  return parseArgs({
    args, strict: true, allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  });
}

const within = (dir: string, path: string): boolean => path === dir || path.startsWith(dir + sep);

/** Result files under `dir`, in a stable order, leaving out the output folder and node_modules. */
function findResultFiles(dir: string, output: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !within(output, path)) files.push(...findResultFiles(path, output));
    } else if (entry.isFile() && isResultFileName(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

function inputFiles(paths: string[], output: string): string[] {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new Error(`${given}: no such file or folder`);
    }
    files.push(...(isDir ? findResultFiles(path, output) : [path]));
  }
  return [...new Set(files)];
}


const ms = (v: number): string => (v >= 100 ? String(Math.round(v)) : v.toFixed(1));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

function summaryRow(r: PerfResult): string[] {
  const f = figuresOf(r);
  const shards = String(r.merged_from?.length ?? 1);
  const calls = r.kind === 'benchmark' ? r.sample_size : r.total_requests;
  const failed = r.kind === 'benchmark' ? Object.values(r.errors ?? {}).reduce((a, b) => a + b, 0) : r.failed_requests;
  const name = r.test_name ? `${r.test_name} (${r.operation})` : r.operation;
  return [r.passed ? 'passed' : 'FAILED', r.kind, name.length > 48 ? `${name.slice(0, 47)}…` : name, shards, String(calls), String(failed), ms(f.p50_ms), ms(f.p95_ms), ms(f.p99_ms), ms(f.max_ms)];
}

export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    process.stderr.write(`mcp-journeys merge-results: ${oneLine(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const given = parsed.positionals;
  const about = (s: ProjectSettings) => (given.length > 0
    ? { label: 'benchmark and load results', shown: given.join(', '), setting: { value: given, source: 'flag' as const, name: 'the folders given' } }
    : { label: 'benchmark and load results', shown: shown(s.perfResults.value), setting: s.perfResults });
  const settings = await commandSettings({}, parsed.values.config, about);
  if (typeof settings === 'number') return settings;
  const inputs = given.length > 0 ? given : [shown(settings.perfResults.value)];
  const output = parsed.values.output === undefined ? resolve(settings.rootDir, 'test-results', 'merged') : resolve(parsed.values.output);
  return merge(inputs, output);
}

function merge(inputs: string[], output: string): number {
  let merged: PerfResult[];
  let count: number;
  try {
    const files = inputFiles(inputs, output);
    if (files.length === 0) throw new Error(`no benchmark-*.json or load-*.json under ${inputs.join(', ')}`);
    const results = files.map((file) => readResultFile(shown(file)));
    count = results.length;
    merged = mergeResults(results, (skipped) => {
      process.stderr.write(`skipped ${skipped.kind} result ${resultId(skipped)}: its runs are already counted (given twice, or merged from shards also given)\n`);
    });
  } catch (error) {
    process.stderr.write(`mcp-journeys merge-results: ${oneLine(error)}\n`);
    return 2;
  }
  const written = merged.map((r) => writeResult(r, output));
  const header = ['status', 'kind', 'journey (operation)', 'shards', 'calls', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  process.stdout.write(`${table([header, ...merged.map(summaryRow)])}\n\n`);
  process.stdout.write(`merged ${count} result file${count === 1 ? '' : 's'} into ${written.length} in ${shown(output)}\n`);
  return 0;
}
