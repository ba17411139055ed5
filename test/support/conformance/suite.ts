// The MCP conformance suite (devDependency @modelcontextprotocol/conformance, pinned exactly) run as its
// CLI, one scenario at a time, against a server URL or with a client command; its checks read from the
// results it writes.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import treeKill from 'tree-kill';

export interface Check {
  id: string;
  name: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  description: string;
  errorMessage?: string;
  details?: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const manifest = require.resolve('@modelcontextprotocol/conformance/package.json');
export const suiteVersion = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
const bin = join(dirname(manifest), 'dist', 'index.js');
const shim = fileURLToPath(new URL('./globSyncShim.mjs', import.meta.url));
/** Node 22 has fs.globSync; on Node 20 the suite only links with the shim. */
export const needsShim = typeof (fs as { globSync?: unknown }).globSync !== 'function';

export interface SuiteRun {
  code: number | null;
  output: string;
  checks: Check[];
}

/** Without colours: Playwright's FORCE_COLOR would override NO_COLOR (and make Node warn about it). */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  return env;
}

const suiteArgs = (withShim: boolean): string[] => [...(withShim ? ['--import', shim] : []), bin];

/** `conformance server --url <url> --scenario <scenario>`; `shim: false` runs it bare. */
export async function runScenario(url: string, scenario: string, { shim: withShim = needsShim, timeoutMs = 60_000 } = {}): Promise<SuiteRun> {
  return runSuite(['server', '--url', url, '--scenario', scenario], { withShim, timeoutMs });
}

/** `conformance client --scenario <scenario> --command <command>`: the suite starts the scenario's server
 * and runs the command with its URL as the last argument. */
export async function runClientScenario(scenario: string, command: string, { timeoutMs = 120_000 } = {}): Promise<SuiteRun> {
  // The suite's own timeout ends the client; ours only ends a suite that hangs.
  return runSuite(['client', '--scenario', scenario, '--command', command, '--timeout', String(timeoutMs)], { withShim: needsShim, timeoutMs: timeoutMs + 30_000 });
}

/** The client scenarios this version of the suite has, as `conformance list` names them. */
export function clientScenarios(): string[] {
  const listed = execFileSync(process.execPath, [...suiteArgs(needsShim), 'list'], { encoding: 'utf8', env: plainEnv() });
  const section = listed.split(/^Client scenarios.*$/m)[1] ?? '';
  return [...section.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1] ?? '');
}

async function runSuite(command: string[], { withShim, timeoutMs }: { withShim: boolean; timeoutMs: number }): Promise<SuiteRun> {
  const out = await mkdtemp(join(tmpdir(), 'mcp-journeys-conformance-'));
  try {
    const args = [...suiteArgs(withShim), ...command, '--output-dir', out];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: plainEnv() });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { output += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { output += d; });
    const timer = setTimeout(() => { if (child.pid !== undefined) treeKill(child.pid, 'SIGKILL'); }, timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearTimeout(timer);
    const checks: Check[] = [];
    for (const entry of await readdir(out, { recursive: true })) {
      if (entry.endsWith('checks.json')) checks.push(...JSON.parse(await readFile(join(out, entry), 'utf8')) as Check[]);
    }
    return { code, output, checks };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
