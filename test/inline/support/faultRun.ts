// Runs journeys through the real playwright.config.ts against the embedded stack, with the stack's links
// on a Toxiproxy this test process owns (TOXIPROXY_URL), so what the run did to it, and what it left
// behind, can be seen from outside: proxies and toxics through the API, processes through /proc.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { createFaultClient } from '../../../src/faults/client.js';
import type { FaultClient } from '../../../src/faults/client.js';
import { startToxiproxyServer } from '../../../src/faults/server/index.js';
import type { ToxiproxyServer } from '../../../src/faults/server/index.js';
import { repoRoot } from '../../support/inline.js';

export interface AllureStep { name: string; status: string; steps?: AllureStep[] }

export interface WatchedRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  /** Every process seen during the run that carried this run's TOXIPROXY_URL (workers, servers …). */
  pids: Set<number>;
  /** Most toxics seen at once on the Toxiproxy while the run went on. */
  maxToxics: number;
  allure: { name: string; status: string; steps: AllureStep[] }[];
}

export interface ToxiproxyHost {
  url: string;
  client: FaultClient;
  server: ToxiproxyServer;
}

export async function hostToxiproxy(): Promise<ToxiproxyHost> {
  const server = await startToxiproxyServer({ port: 0 });
  return { url: server.url, client: createFaultClient(server.url), server };
}

/** Processes whose environment holds `marker` (an exact `NAME=value` entry). */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(marker)) found.push(Number(name));
    } catch { /* gone, or not ours to read */ }
  }
  return found;
}

export function alive(pids: Iterable<number>): number[] {
  return [...pids].filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      return !/^\d+ \(.*\) Z /.test(stat);
    } catch {
      return false;
    }
  });
}

function withSchemaLine(file: string, content: string): string {
  if (!file.endsWith('.journey.yaml') || content.startsWith('#')) return content;
  const schema = relative(dirname(file), join(repoRoot, 'schemas', 'journey.schema.json')).split(sep).join('/');
  return `# yaml-language-server: $schema=${schema}\n${content}`;
}

export interface WatchOptions {
  files: Record<string, string>;
  toxiproxy: ToxiproxyHost;
  args?: string[];
  /** Called every poll with the toxics on the Toxiproxy now; return true to send SIGINT to the run. */
  interruptWhen?: (toxics: number) => boolean;
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** Runs still going when the test worker exits (a timed-out test abandons them): killed, dirs removed. */
const active = new Map<string, () => void>();
process.once('exit', () => { for (const stop of active.values()) stop(); });

export async function watchRun(options: WatchOptions): Promise<WatchedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-faults-'));
  let pid: number | undefined;
  active.set(dir, () => {
    try { if (pid) process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    const journeys = join(dir, 'journeys');
    for (const [name, content] of Object.entries(options.files)) {
      const file = join(journeys, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, withSchemaLine(file, content));
    }
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(TEST_|PW_|PLAYWRIGHT_|MCP_JOURNEYS_)/.test(k) && k !== 'FORCE_COLOR') env[k] = v;
    Object.assign(env, { NO_COLOR: '1', MCP_JOURNEYS_DIR: journeys, MCP_JOURNEYS_MCP_CONFIG: join(repoRoot, 'fixtures', 'mcp.json'), TOXIPROXY_URL: options.toxiproxy.url }, options.env);
    const cli = join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
    const child = spawn(process.execPath, [cli, 'test', '-c', join(repoRoot, 'playwright.config.ts'), ...(options.args ?? [])],
      { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    pid = child.pid;
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { output += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { output += c; });
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (code, signal) => resolve([code, signal])));
    const marker = `TOXIPROXY_URL=${options.toxiproxy.url}`;
    const pids = new Set<number>();
    let maxToxics = 0;
    let interrupted = false;
    let done = false;
    void ended.then(() => { done = true; });
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    while (!done) {
      for (const pid of processesWith(marker)) pids.add(pid);
      const toxics = (await options.toxiproxy.client.listProxies().catch(() => [])).reduce((n, p) => n + p.toxics.length, 0);
      maxToxics = Math.max(maxToxics, toxics);
      if (!interrupted && options.interruptWhen?.(toxics) && child.pid) {
        interrupted = true;
        // What Ctrl-C in a terminal does: SIGINT to the whole foreground process group.
        process.kill(-child.pid, 'SIGINT');
        output += `\n[watchRun] SIGINT at ${new Date().toISOString()}\n`;
      }
      if (Date.now() > deadline && child.pid) process.kill(-child.pid, 'SIGKILL');
      await sleep(200);
    }
    const [exitCode, signal] = await ended;
    output += `\n[watchRun] exit at ${new Date().toISOString()}\n`;
    const results = join(dir, 'allure-results');
    const allure = (existsSync(results) ? readdirSync(results, { withFileTypes: true }) : []).filter((e) => e.name.endsWith('-result.json'))
      .map((e) => JSON.parse(readFileSync(join(results, e.name), 'utf8')) as WatchedRun['allure'][number]);
    return { exitCode, signal, output: stripVTControlCharacters(output), pids, maxToxics, allure };
  } finally {
    active.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
