// Inline runs of whole journeys: write them into a temp dir, run the real `playwright.config.ts` on them
// in a child process, and return what a user would see (exit code, output, allure-results).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import treeKill from 'tree-kill';
import { testServerCommand } from './servers/spawn.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const playwrightCli = join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

export interface InlineRun {
  exitCode: number | null;
  /** stdout and stderr, interleaved as written, without colours. */
  output: string;
  /** Every `*-result.json` in allure-results, parsed. */
  allureResults: AllureResult[];
  /** Other files in allure-results (categories.json, environment.properties …) by name → text. */
  allureFiles: Record<string, string>;
  /** Run records written under test-results/run-records, parsed. */
  runRecords: Record<string, unknown>[];
  /** The temp dir (already removed); journeys were under `<dir>/journeys`. */
  dir: string;
}

export interface AllureResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  steps: AllureStep[];
  statusDetails?: { message?: string; trace?: string };
  attachments: { name: string; source: string; type: string }[];
}

export interface AllureStep {
  name: string;
  status: string;
  parameters?: { name: string; value: string }[];
  attachments?: { name: string; source: string; type: string }[];
  steps: AllureStep[];
}

export interface InlineOptions {
  /** Paths under the journeys directory → content, e.g. `smoke/a.journey.yaml`, `_shared/p.yaml`. A journey
   * not starting with a comment gets the schema line first, so its lines in assertions are one further down. */
  files: Record<string, string>;
  /** A `.mcp.json` document; default: one stdio server `test` running the test server. */
  mcpConfig?: unknown;
  /** An existing config file instead (e.g. the project's fixtures/mcp.json, which starts the embedded stack). */
  mcpConfigPath?: string;
  args?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
  /** The runner's soft and hard RLIMIT_NOFILE (through prlimit, Linux), to see the descriptor guards bite. */
  openFileLimit?: number;
  /** Called with the runner's pid (it leads its own process group) as soon as it is spawned. */
  onSpawn?: (pid: number) => void;
  /** Called with the temp dir after the run, before it is removed (to render or read what it holds). */
  afterRun?: (dir: string) => Promise<void>;
}

export function defaultMcpConfig(name = 'test'): unknown {
  const { command, args } = testServerCommand(name);
  return { mcpServers: { [name]: { type: 'stdio', command, args, tools: ['echo', 'add', 'fail', 'slow', 'hang', 'big', 'crash', 'bad', 'count'] } } };
}

/** The outer Playwright's variables would make the inner runner think it is a worker. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(TEST_|PW_|PLAYWRIGHT_|MCP_JOURNEYS_)/.test(k) && k !== 'FORCE_COLOR') env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Journeys link the schema on their first line, as authors' editors want (the validator warns otherwise). */
function withSchemaLine(file: string, content: string): string {
  if (!file.endsWith('.journey.yaml') || content.startsWith('#')) return content;
  const schema = relative(dirname(file), join(repoRoot, 'schemas', 'journey.schema.json')).split(sep).join('/');
  return `# yaml-language-server: $schema=${schema}\n${content}`;
}

function readOthers(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const names = readdirSync(dir).filter((f) => !/-(result|container)\./.test(f) && !f.endsWith('.lock'));
  return Object.fromEntries(names.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

function readJsonFiles(dir: string): Record<string, unknown>[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
}

function readAllure(dir: string): AllureResult[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as AllureResult);
}

/** Every file under `dir` (none when it does not exist), path → text: what a test greps for leaked secrets. */
export function readTextTree(dir: string, into = new Map<string, string>()): Map<string, string> {
  if (!existsSync(dir)) return into;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) readTextTree(path, into);
    else into.set(path, readFileSync(path, 'utf8'));
  }
  return into;
}

/** Runs still going when the worker exits (a timed-out test abandons its promise): killed, dirs removed. */
const active = new Map<string, () => void>();
process.once('exit', () => { for (const stop of active.values()) stop(); });

export async function runJourneys(options: InlineOptions): Promise<InlineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-inline-'));
  let pid: number | undefined;
  active.set(dir, () => {
    // Synchronous (an exit handler cannot wait): the runner leads its own process group.
    if (pid) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    const journeys = join(dir, 'journeys');
    for (const [name, content] of Object.entries(options.files)) {
      const file = join(journeys, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, withSchemaLine(file, content));
    }
    mkdirSync(journeys, { recursive: true });
    const mcpConfig = options.mcpConfigPath ?? join(dir, 'mcp.json');
    if (!options.mcpConfigPath) writeFileSync(mcpConfig, JSON.stringify(options.mcpConfig ?? defaultMcpConfig(), null, 2));
    const env = cleanEnv({ MCP_JOURNEYS_DIR: journeys, MCP_JOURNEYS_MCP_CONFIG: mcpConfig, ...options.env });
    const args = [playwrightCli, 'test', '-c', join(repoRoot, 'playwright.config.ts'), ...(options.args ?? [])];
    // prlimit execs the runner, so the pid is still the runner's.
    const [command, ...rest] = options.openFileLimit === undefined ? [process.execPath, ...args] : ['prlimit', `--nofile=${options.openFileLimit}:${options.openFileLimit}`, '--', process.execPath, ...args];
    const child = spawn(command ?? process.execPath, rest, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    pid = child.pid;
    if (pid !== undefined) options.onSpawn?.(pid);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => { if (child.pid) treeKill(child.pid, 'SIGKILL'); }, options.timeoutMs ?? 240_000);
      child.once('close', (code) => { clearTimeout(timer); resolve(code); });
    });
    await options.afterRun?.(dir);
    const results = join(dir, 'allure-results');
    return {
      exitCode, output: stripVTControlCharacters(output), allureResults: readAllure(results), allureFiles: readOthers(results),
      runRecords: readJsonFiles(join(dir, 'test-results', 'run-records')), dir,
    };
  } finally {
    active.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
