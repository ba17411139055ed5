// Real MCP servers that change with the client's capabilities: server-everything (over stdio and streamable
// HTTP) offers its roots, elicitation and sampling tools only to a client that declares them, and
// server-filesystem takes its allowed directories from the client's roots. server-everything's progress,
// image and resource links are checked over both transports in one matrix. The journeys are in
// test/servers/journeys/client/, played as a user would play them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import getPort from 'get-port';
import { runJourneys, type InlineRun } from '../support/inline.js';

test.describe.configure({ timeout: 300_000 });

const require = createRequire(import.meta.url);
const everything = join(require.resolve('@modelcontextprotocol/server-everything/package.json'), '..', 'dist', 'index.js');
const filesystem = join(require.resolve('@modelcontextprotocol/server-filesystem/package.json'), '..', 'dist', 'index.js');
const JOURNEYS = fileURLToPath(new URL('./journeys/client/', import.meta.url));

function journeys(names: string[]): Record<string, string> {
  const all = readdirSync(JOURNEYS).filter((f) => f.endsWith('.journey.yaml'));
  // Without their schema line: the copies live elsewhere, and runJourneys links the schema from there.
  const text = (f: string) => readFileSync(join(JOURNEYS, f), 'utf8').replace(/^# yaml-language-server:.*\n/, '');
  return Object.fromEntries(all.filter((f) => names.some((n) => f.startsWith(n))).map((f) => [`client/${f}`, text(f)]));
}

function statuses(run: InlineRun): Record<string, string> {
  return Object.fromEntries(run.allureResults.map((r) => [r.name, r.status]));
}

const PASSED_EVERYTHING = {
  'server-everything sees Claude Code\'s capabilities and gets its answers from YAML': 'passed',
  'server-everything under plain Claude Code offers no sampling tool': 'passed',
};

test('server-everything over stdio, and server-filesystem, as Claude Code sees them', async () => {
  const commandLine = mkdtempSync(join(tmpdir(), 'mcpj-cmdline-'));
  try {
    const run = await runJourneys({
      files: journeys(['everything', 'filesystem']),
      mcpConfig: {
        mcpServers: {
          everything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] },
          filesystem: { type: 'stdio', command: process.execPath, args: [filesystem, commandLine] },
        },
      },
    });
    expect(statuses(run), run.output).toEqual({
      ...PASSED_EVERYTHING, 'server-filesystem takes its allowed directories from the session\'s roots': 'passed',
    });
  } finally {
    rmSync(commandLine, { recursive: true, force: true });
  }
});

/** server-everything over streamable HTTP on a free port, until `stop` has seen it exit. */
async function everythingOverHttp(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await getPort();
  const server: ChildProcess = spawn(process.execPath, [everything, 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => { server.once('exit', () => resolve()); });
  // Waited for: a kill still under way when the last test ends would leave the server running.
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let said = '';
      server.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        said += chunk;
        if (said.includes(`listening on port ${port}`)) resolve();
      });
      server.once('exit', (code) => reject(new Error(`server-everything exited (${String(code)}): ${said}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/mcp`, stop };
}

test('server-everything over streamable HTTP', async () => {
  const http = await everythingOverHttp();
  try {
    const run = await runJourneys({
      files: journeys(['everything']),
      mcpConfig: { mcpServers: { everything: { type: 'http', url: http.url } } },
    });
    expect(statuses(run), run.output).toEqual(PASSED_EVERYTHING);
  } finally {
    await http.stop();
  }
});

test('server-everything\'s progress, image and resource links, over stdio and streamable HTTP', async () => {
  const http = await everythingOverHttp();
  try {
    const run = await runJourneys({
      files: journeys(['results']),
      mcpConfig: {
        mcpServers: {
          everything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] },
          'everything-http': { type: 'http', url: http.url },
        },
      },
    });
    const title = 'server-everything reports progress and returns an image and resource links';
    expect(statuses(run), run.output).toEqual({
      [`${title} [everything: everything]`]: 'passed',
      [`${title} [everything: everything-http]`]: 'passed',
      'server-everything\'s image is not a JPEG': 'failed',
    });
    const wrong = run.allureResults.find((r) => r.name === 'server-everything\'s image is not a JPEG');
    expect(wrong?.statusDetails?.message ?? '').toMatch(/Expectation failed: \$raw\.content\[1\]\.mimeType[\s\S]*Expected: to equal "image\/jpeg"\s+Received: "image\/png"/);
  } finally {
    await http.stop();
  }
});
