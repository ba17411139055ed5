// Worker memory under the output cap: a worker-like child process opens a session (as a Playwright worker
// does) and makes one `big` call, then reports its own peak RSS. Per transport (stdio through the relay,
// as in a worker; SSE; streamable HTTP) a 100 MB result is measured against a 1 MB result of the same run,
// printed as a ratio. BENCH_UNCAPPED=1 adds the 100 MB call with the wire limit out of reach (the cap
// applied only after the whole result is read, as before wireCap.ts), for comparison.
//   npx tsx bench/outputCap.ts
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSession, type McpConfig, type ServerEntry } from '../src/mcp/index.js';
import { StdioHost } from '../src/servers/stdioHost.js';
import { startTestServer, testServerCommand, type RunningServer } from '../test/support/servers/spawn.js';

const MB = 1024 * 1024;
const CAP_TOKENS = 25_000;
/** Tokens for the uncapped run: 16 × 4 × this is far above 100 MB, so only cap.ts acts, in memory. */
const OUT_OF_REACH_TOKENS = 10_000_000;
const CALL_TIMEOUT_MS = 120_000;

interface ChildReport {
  kind: string;
  ms: number;
  peakRssBytes: number;
}

/** The child: one session, one call, its own peak RSS (resourceUsage().maxRSS is in kB). */
async function child(entry: ServerEntry, bytes: number, tokens: number): Promise<void> {
  const config: McpConfig = { source: 'bench/outputCap.ts', servers: { test: entry } };
  const session = await openSession(config, ['test'], {
    callTimeoutMs: CALL_TIMEOUT_MS, startupTimeoutMs: 30_000, maxOutputTokens: tokens,
    reconnect: { attempts: 1, initialDelayMs: 100, maxDelayMs: 100 },
  });
  try {
    const started = performance.now();
    const outcome = await session.callTool('test', 'big', { bytes });
    const report: ChildReport = { kind: outcome.kind, ms: performance.now() - started, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await session.close();
  }
}

function runChild(entry: ServerEntry, bytes: number, tokens: number): Promise<ChildReport> {
  const file = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ['--import', 'tsx', file, '--child', JSON.stringify({ entry, bytes, tokens })], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => { out += chunk; });
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as ChildReport);
      else reject(new Error(`bench child exited ${String(code)}: ${out}`));
    });
  });
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

export async function main(): Promise<void> {
  const host = new StdioHost({ name: 'bench', ...testServerCommand('bench'), env: {}, stopGraceMs: 2000 });
  const servers: RunningServer[] = [];
  try {
    const relay = await host.listen();
    const sse = await startTestServer({ transport: 'sse' });
    servers.push(sse);
    const http = await startTestServer({ transport: 'http' });
    servers.push(http);
    const entries: [string, ServerEntry][] = [
      ['stdio (relay)', { name: 'test', type: 'stdio', ...testServerCommand('bench'), relay: { host: relay.host, port: relay.port } }],
      ['sse', { name: 'test', type: 'sse', url: sse.url }],
      ['http', { name: 'test', type: 'http', url: http.url }],
    ];
    process.stdout.write(`peak RSS of a worker-like process, one call to a tool returning N bytes, cap ${CAP_TOKENS.toLocaleString('en-US')} tokens\n`);
    for (const [name, entry] of entries) {
      const small = await runChild(entry, 1 * MB, CAP_TOKENS);
      const huge = await runChild(entry, 100 * MB, CAP_TOKENS);
      let line = `  ${name}: 1 MB ${small.kind} ${mb(small.peakRssBytes)}; 100 MB ${huge.kind} in ${huge.ms.toFixed(0)} ms, ${mb(huge.peakRssBytes)} = ${(huge.peakRssBytes / small.peakRssBytes).toFixed(2)}x the 1 MB peak`;
      if (process.env['BENCH_UNCAPPED']) {
        const uncapped = await runChild(entry, 100 * MB, OUT_OF_REACH_TOKENS);
        line += `; uncapped 100 MB ${uncapped.kind} in ${uncapped.ms.toFixed(0)} ms, ${mb(uncapped.peakRssBytes)} = ${(uncapped.peakRssBytes / small.peakRssBytes).toFixed(2)}x`;
      }
      process.stdout.write(`${line}\n`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await host.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--child');
  if (at >= 0) {
    const { entry, bytes, tokens } = JSON.parse(process.argv[at + 1] ?? '{}') as { entry: ServerEntry; bytes: number; tokens: number };
    await child(entry, bytes, tokens);
  } else {
    await main();
  }
}
