// How long `validate` takes, as a ratio to a baseline measured in the same run on the same files: reading
// them and `yaml.parseDocument`, which any YAML tool must do anyway. Two shapes: 2,000 generated journeys,
// and one generated 5 MB journey with a mistake in every 25th step (validate as the CLI runs it: the
// diagnostics are printed with their code frames). Standalone: `npx tsx bench/validate.ts`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { formatDiagnostics } from '../src/common/formatDiagnostic.js';
import { FRAGMENT_SCHEMA_PATH, SCHEMA_PATH } from '../src/validate/schema.js';
import type { ValidationContext } from '../src/validate/types.js';
import { validateJourneys } from '../src/validate/validateJourneys.js';

const COUNT = 2000;
const BIG_BYTES = 5_000_000;
const CONTEXT: ValidationContext = {
  servers: {
    'codebase-mcp': { tools: ['search_code', 'index_repository', 'start_indexing_background', 'get_indexing_status', 'get_code_chunks'] },
    'workflow-mcp': { tools: ['create_project', 'switch_project', 'create_work_item', 'get_work_item_hierarchy', 'query_work_items', 'delete_work_item'] },
  },
};

function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `6f1d9f8e-3c1a-4b7e-9a57-${hex}`;
}

/** A journey in the shape of the catalogue: setup through a fragment, search, file, stale check, fault. */
function journeyText(n: number, folder: string): string {
  const schema = relative(folder, SCHEMA_PATH);
  return `# yaml-language-server: $schema=${schema}
test_id: ${uuid(n)}
test_name: Journey ${n} searches code and files a task that references it
description: Generated journey ${n} for the validation benchmark.
servers_required: [codebase-mcp, workflow-mcp]
tags: [bench, cross-server, batch-${n % 7}]
labels: { epic: Cross-server workflows, feature: References, severity: ${['critical', 'normal', 'minor'][n % 3]} }
timeout: 60s
vars: { query: "authenticate user ${n}", limit: ${(n % 40) + 1} }
setup_steps:
  - include: ../_shared/project.yaml
    with: { project_name: "bench-${n}-\${run.id}" }
  - scratch_repo: { from: auth-service, save_as: repo }
  - call: codebase-mcp.start_indexing_background
    args: { repo_path: "\${repo}" }
    save: { job_id: $.job_id }
  - name: Indexing completes
    call: codebase-mcp.get_indexing_status
    args: { job_id: "\${job_id}" }
    eventually: { interval: 200ms, timeout: 30s, until: { "$.status": completed }, fail_if: { "$.status": failed } }
test_steps:
  - name: Search ${n}
    call: codebase-mcp.search_code
    args: { query: "\${query}", limit: "\${limit}" }
    expect:
      latency_ms: { max: 500, warn: 300 }
      result:
        "$.results": { minItems: 1, type: array }
        "$.results[0].file_path": { matches: "\\\\.(py|ts)$" }
    save: { chunk_id: "$.results[0].chunk_id", second: "$.results[1].chunk_id" }
  - name: File a task ${n}
    call: mcp__workflow-mcp__create_work_item
    args: { item_type: task, title: "Task ${n}", entity_references: ["\${chunk_id}", "\${second}"] }
    expect: { result: { "$.entity_references": { length: 2 } } }
    save: { work_item_id: $.id }
  - name: A task needs a title
    call: workflow-mcp.create_work_item
    args: { item_type: task, title: "" }
    expect: { error: "title cannot be empty" }
  - file: { path: "\${repo}/src/auth.py", append: "# changed ${n}\\n" }
  - call: codebase-mcp.index_repository
    args: { repo_path: "\${repo}", force_reindex: true }
  - references:
      vars: [chunk_id, second]
      resolve: codebase-mcp.get_code_chunks
      expect: { stale_count: 2 }
  - fault: { target: codebase-mcp, down: true, scope: next }
  - name: Search while down ${n}
    call: codebase-mcp.search_code
    args: { query: auth }
    timeout: 2s
    expect: { unavailable: true }
  - parallel:
      - call: workflow-mcp.get_work_item_hierarchy
        args: { work_item_id: "\${work_item_id}" }
        expect: { result: { "$.work_item.id": "\${work_item_id}" } }
      - sql: { connection: workflow-mcp, query: "select count(*)::int as n from work_items where id = $1", params: ["\${work_item_id}"] }
        expect: { result: { "$.rows[0].n": 1 } }
assertions:
  - latency: { step: Search ${n}, max_ms: 500 }
  - outcome: { step: Search while down ${n}, is: unavailable }
  - that: "\${work_item_id}"
    matches: "^[0-9a-f-]{36}$"
teardown_steps:
  - call: workflow-mcp.delete_work_item
    args: { work_item_id: "\${work_item_id}", confirmed: true }
`;
}

const FRAGMENT = (folder: string) => `# yaml-language-server: $schema=${relative(folder, FRAGMENT_SCHEMA_PATH)}
description: Creates a workflow project and makes it the active one.
params: { project_name: null }
steps:
  - call: workflow-mcp.create_project
    args: { name: "\${project_name}" }
    save: { project_id: $.id }
  - call: workflow-mcp.switch_project
    args: { project_id: "\${project_id}" }
`;

/** One journey of about BIG_BYTES: many steps, every 25th calling a tool that does not exist. */
function bigJourneyText(folder: string): string {
  const parts = [`# yaml-language-server: $schema=${relative(folder, SCHEMA_PATH)}
test_id: ${uuid(999_999)}
test_name: A very long journey
description: Generated for the validation benchmark, with a mistake in every 25th step.
servers_required: [codebase-mcp, workflow-mcp]
test_steps:
`];
  let size = parts[0]?.length ?? 0;
  for (let n = 0; size < BIG_BYTES; n++) {
    const step = `  - name: Search ${n}
    call: codebase-mcp.${n % 25 === 24 ? 'search_cod' : 'search_code'}
    args: { query: "authenticate user ${n} \${run.id}", limit: 5 }
    expect:
      latency_ms: { max: 500, warn: 300 }
      result: { "$.results": { minItems: 1 } }
    save: { chunk_${n}: "$.results[0].chunk_id" }
  - name: A task needs a title ${n}
    call: workflow-mcp.create_work_item
    args: { item_type: task, title: "", entity_references: ["\${chunk_${n}}"] }
    expect: { error: "title cannot be empty" }
`;
    parts.push(step);
    size += step.length;
  }
  return parts.join('');
}

function generate(root: string): string[] {
  const shared = join(root, '_shared');
  mkdirSync(shared, { recursive: true });
  writeFileSync(join(shared, 'project.yaml'), FRAGMENT(shared));
  const files: string[] = [];
  for (let n = 0; n < COUNT; n++) {
    const folder = join(root, ['cross-server', 'degraded', 'stale', 'load'][n % 4] ?? 'cross-server');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `journey-${n}.journey.yaml`);
    writeFileSync(file, journeyText(n, folder));
    files.push(file);
  }
  return files;
}

/** Wall time, and CPU time of this process (less sensitive to other load on a shared machine). */
function time<T>(fn: () => T): Timed & { value: T } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

interface Timed {
  ms: number;
  cpuMs: number;
}

/** The cheaper of two baselines, one before and one after the measured runs (less noise from other load). */
function baseline(files: readonly string[]): Timed {
  const once = () => time(() => files.map((f) => parseDocument(readFileSync(f, 'utf8'))));
  const a = once();
  const b = once();
  return a.cpuMs <= b.cpuMs ? a : b;
}

/** `mcp-journeys validate` without the process: validate, then render what it found. */
function validateAndPrint(files: readonly string[]): { diagnostics: number; journeys: number; output: number } {
  const result = validateJourneys(files, CONTEXT);
  const output = formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked);
  return { diagnostics: result.diagnostics.length, journeys: result.journeys.length, output: output.length };
}

const row = (label: string, t: Timed, base?: Timed) =>
  `  ${label.padEnd(36)}${t.ms.toFixed(0).padStart(6)} ms wall ${t.cpuMs.toFixed(0).padStart(6)} ms cpu` +
  (base ? `   ${(t.cpuMs / base.cpuMs).toFixed(2)}× baseline (cpu)` : '');

export async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'mcp-journeys-bench-'));
  try {
    const files = generate(root);
    const bigFolder = join(root, 'big');
    mkdirSync(bigFolder, { recursive: true });
    const big = join(bigFolder, 'big.journey.yaml');
    writeFileSync(big, bigJourneyText(bigFolder));

    const manyBase = baseline(files);
    const cold = time(() => validateAndPrint(files));
    const warm = time(() => validateAndPrint(files));
    if (warm.value.diagnostics > 0 || warm.value.journeys !== COUNT) {
      const { diagnostics } = validateJourneys(files.slice(0, 3), CONTEXT);
      throw new Error(`the generated journeys should be valid: ${JSON.stringify(diagnostics.slice(0, 3))}`);
    }
    const bigBase = baseline([big]);
    const bigRun = time(() => validateAndPrint([big]));
    if (bigRun.value.diagnostics === 0) throw new Error('the 5 MB journey should have its planted mistakes reported');
    const mb = (readFileSync(big).length / 1e6).toFixed(1);
    const lines = [
      `validate: ${COUNT} journeys (${files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0)} lines, one shared fragment)`,
      row('baseline: read + yaml.parseDocument', manyBase),
      row('validate, first run (compiles)', cold, manyBase),
      row('validate, second run', warm, manyBase),
      `validate: one ${mb} MB journey (${bigRun.value.diagnostics} diagnostics printed, ${(bigRun.value.output / 1e3).toFixed(0)} kB of output)`,
      row('baseline: read + yaml.parseDocument', bigBase),
      row('validate and print', bigRun, bigBase),
      `ratios (validate cpu / yaml.parseDocument cpu, same files, same run): ${COUNT} files ${(warm.cpuMs / manyBase.cpuMs).toFixed(2)}×, ` +
        `${mb} MB journey ${(bigRun.cpuMs / bigBase.cpuMs).toFixed(2)}×`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  await Promise.resolve();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
