// The MCP conformance suite (devDependency @modelcontextprotocol/conformance, pinned exactly) run as its
// CLI against a server URL, one scenario at a time, its checks read from the results it writes.
import { spawn } from 'node:child_process';
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

/** `conformance server --url <url> --scenario <scenario>`; `shim: false` runs it bare. */
export async function runScenario(url: string, scenario: string, { shim: withShim = needsShim, timeoutMs = 60_000 } = {}): Promise<SuiteRun> {
  const out = await mkdtemp(join(tmpdir(), 'mcp-journeys-conformance-'));
  try {
    const args = [...(withShim ? ['--import', shim] : []), bin, 'server', '--url', url, '--scenario', scenario, '--output-dir', out];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
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
