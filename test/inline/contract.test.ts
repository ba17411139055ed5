// Contract snapshots in whole runs: the first run writes the contract (and fails, as a missing snapshot
// does), a reworded tool description and a newly required argument each fail with the change in words
// (golden), and `mcp-journeys contract --update` accepts a change.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { repoRoot, runJourneys, type InlineRun } from '../support/inline.js';
import { driftServerPath, testServerCommand } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 400_000 });

const GOLDEN = fileURLToPath(new URL('../golden/runtime/contract-drift.txt', import.meta.url));

const journey = `test_id: 3c5e7a90-1b2d-4e6f-8a0c-5e7a9c1b3d02
test_name: The drift server keeps its contract
description: The tools, prompts and resources the model is told about, compared with the stored contract.
servers_required: [drift]
test_steps:
  - contract: drift
  - name: A title is needed
    call: drift.create_item
    args: { title: "" }
    expect: { error: title cannot be empty }
`;

const FILE = 'contract/drift.journey.yaml';
const SNAPSHOT = `${FILE}-snapshots/contract-drift.json`;

function config(contract: string): unknown {
  const { command, args } = testServerCommand('drift', driftServerPath);
  return { mcpServers: { drift: { type: 'stdio', command, args: [...args, '--contract', contract], tools: ['status', 'create_item'] } } };
}

/** `mcp-journeys contract --update` in the run's project, as a user would type it. */
function contractUpdate(dir: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(TEST_|PW_|PLAYWRIGHT_|MCP_JOURNEYS_)/.test(k) && k !== 'FORCE_COLOR') env[k] = v;
  Object.assign(env, { NO_COLOR: '1', MCP_JOURNEYS_DIR: join(dir, 'journeys'), MCP_JOURNEYS_MCP_CONFIG: join(dir, 'mcp.json') });
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'mcp-journeys.js'), 'contract', '--update', '-c', join(repoRoot, 'playwright.config.ts')], { cwd: dir, env });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { output += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { output += c; });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

async function play(contract: string, stored: Record<string, string>, update = false): Promise<{ run: InlineRun; stored?: string; updated?: { code: number | null; output: string; stored?: string } }> {
  const seen: { stored?: string; updated?: { code: number | null; output: string; stored?: string } } = {};
  const run = await runJourneys({
    files: { [FILE]: journey, ...stored },
    mcpConfig: config(contract),
    afterRun: async (dir) => {
      const path = join(dir, 'journeys', SNAPSHOT);
      if (existsSync(path)) seen.stored = readFileSync(path, 'utf8');
      if (update) {
        const r = await contractUpdate(dir);
        seen.updated = { ...r, ...(existsSync(path) ? { stored: readFileSync(path, 'utf8') } : {}) };
      }
    },
  });
  return { run, ...seen };
}

/** The contract failure as the terminal shows it: from its first line to the hint. */
function failure(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.includes('The contract of drift changed'));
  const end = lines.findIndex((l, i) => i > start && l.includes('If the change is intended'));
  return `${lines.slice(start, end + 1).map((l) => l.replace(/^ {4}/, '')).join('\n')}\n`;
}

test('a contract fails on a reworded description and a newly required argument, and --update accepts it', async () => {
  const first = await play('base', {});
  expect(first.run.exitCode).toBe(1);
  expect(first.run.output).toContain(`A snapshot doesn't exist at`);
  const contract = first.stored ?? '';
  const parsed = JSON.parse(contract) as { tools: { name: string }[]; prompts: unknown[]; resources: unknown[]; resourceTemplates?: unknown };
  expect(parsed.tools.map((t) => t.name)).toEqual(['create_item', 'status']);
  expect(parsed.prompts).toHaveLength(1);
  expect(parsed.resources).toHaveLength(1);
  expect(parsed.resourceTemplates, 'the server offers no templates: left out').toBeUndefined();
  const stored = { [SNAPSHOT]: contract };

  const same = await play('base', stored);
  expect(same.run.exitCode, same.run.output).toBe(0);

  const reworded = await play('reworded', stored);
  const required = await play('required', stored, true);
  expect(reworded.run.exitCode).toBe(1);
  expect(required.run.exitCode).toBe(1);
  const text = `${failure(reworded.run.output)}\n${failure(required.run.output)}`;
  if (process.env['UPDATE_GOLDEN']) {
    mkdirSync(dirname(GOLDEN), { recursive: true });
    writeFileSync(GOLDEN, text);
  }
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));

  expect(required.updated?.code, required.updated?.output).toBe(0);
  expect(JSON.parse(required.updated?.stored ?? '{}')).toMatchObject({ tools: [{ name: 'create_item', inputSchema: { required: ['title', 'priority'] } }, { name: 'status' }] });
});
