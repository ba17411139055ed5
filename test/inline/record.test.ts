// Issue 18, Builds 3 and 4: the README's first journey played by hand through `mcp-journeys record`
// (codebase-mcp over stdio, workflow-mcp over HTTP, one journey from both), then the journey it wrote:
// it validates, captures search_code's chunk id and hands it to create_work_item as `${…}`, passes with
// `npx playwright test` against the embedded stack, and passes again with codebase-mcp replaced by the
// recording (`"type": "replay"`); a replayed request the recording lacks fails as a protocol_error
// naming it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { startPostgres, type RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { repoRoot, runJourneys } from '../support/inline.js';
import { startReference, type ReferenceProcess } from '../support/servers.js';
import { cli, httpClient, playFirstJourney, recordingStdioClient, startHttpProxy } from './support/recordSession.js';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

interface Step { name?: string; call?: string; args?: Record<string, unknown>; save?: Record<string, string>; expect?: Record<string, unknown>; eventually?: unknown }

let pg: RunningPostgres;
let workflow: ReferenceProcess;
let dir: string;
let journeyText = '';
let recording = '';
let chunkId = '';

test.beforeAll(async () => {
  pg = await startPostgres();
  workflow = await startReference('workflow-mcp', { databaseUrl: pg.url() });
  dir = mkdtempSync(join(tmpdir(), 'mcpj-record-'));
});

test.afterAll(async () => {
  await workflow?.stop();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The journey as runJourneys writes it: its own schema line goes first. */
const withoutSchemaLine = (text: string): string => text.split('\n').slice(1).join('\n');

test('a session through both proxies becomes one journey that validates and links the chunk id', async () => {
  const out = join(dir, 'journeys', 'recorded', 'first.journey.yaml');
  // Budgets are checked where a run is timed (the unit tests hold the rule): a floor no loaded machine
  // reaches keeps the playback below from being a timed assertion.
  const floor = ['--latency-floor', '20000'];
  const proxy = await startHttpProxy(out, 'workflow-mcp', `${workflow.url}/mcp`, floor);
  const codebase = await recordingStdioClient(out, 'codebase-mcp', pg.url(), workflow.url, floor);
  const wf = await httpClient(proxy.url);
  try {
    chunkId = (await playFirstJourney(codebase.client, wf)).chunkId;
  } finally {
    await codebase.client.close();
    await wf.close();
  }
  // The stdio session ended first: the HTTP proxy still records, so nothing is written yet.
  await expect.poll(() => codebase.stderr(), { timeout: 10_000 }).toContain('the journey is written when workflow-mcp ends');
  expect(existsSync(out)).toBe(false);
  expect(await proxy.stop()).toBe(0);
  expect(proxy.stderr()).toMatch(/wrote .*first\.journey\.yaml: \d+ steps from codebase-mcp, workflow-mcp, \d+ ids linked; replay recording .*first\.recording\.json/);

  journeyText = readFileSync(out, 'utf8');
  recording = join(dir, 'journeys', 'recorded', 'first.recording.json');
  const validate = await promisify(execFile)(process.execPath, [cli, 'validate', out], { cwd: dir, env: { ...process.env, MCP_JOURNEYS_MCP_CONFIG: join(repoRoot, 'fixtures', 'mcp.json') } });
  expect(validate.stdout).toContain('1 journey valid');

  const doc = parse(journeyText) as { servers_required: string[]; test_steps: Step[] };
  expect(doc.servers_required).toEqual(['codebase-mcp', 'workflow-mcp']);
  const search = doc.test_steps.find((s) => s.call === 'codebase-mcp.search_code');
  const saved = Object.entries(search?.save ?? {}).find(([, path]) => path === '$.results[0].chunk_id')?.[0];
  expect(saved, journeyText).toBeDefined();
  const file = doc.test_steps.find((s) => s.call === 'workflow-mcp.create_work_item' && s.args?.['title'] === 'Harden login');
  expect(file?.args?.['entity_references']).toEqual([`\${${saved ?? ''}}`]);
  expect(journeyText).not.toContain(chunkId);
  // Provenance on the save, and where the value is used.
  expect(journeyText).toMatch(new RegExp(`${saved ?? ''}: \\$\\.results\\[0\\]\\.chunk_id # provenance: codebase-mcp tool search_code`));
  expect(journeyText).toContain(`# \${${saved ?? ''}}: returned by step "codebase-mcp search_code" (codebase-mcp) at $.results[0].chunk_id`);
  // The error case the session had, kept as an expected error; a budget from what was observed.
  const refused = doc.test_steps.find((s) => s.call === 'workflow-mcp.create_work_item' && s.args?.['title'] === '');
  expect(refused?.expect?.['error']).toContain('title cannot be empty');
  expect(search?.expect?.['latency_ms']).toEqual({ max: 20000, warn: 10000 });
  // The indexing poll is one step that waits; the fixtures path is portable.
  const status = doc.test_steps.filter((s) => s.call === 'codebase-mcp.get_indexing_status');
  expect(status).toHaveLength(1);
  expect(status[0]?.eventually).toMatchObject({ until: { '$.status': 'completed' } });
  expect(doc.test_steps.find((s) => s.call === 'codebase-mcp.start_indexing_background')?.args).toEqual({ repo_path: '${fixtures}/repos/storefront' });
});

test('the recorded journey passes with npx playwright test against the embedded stack', async () => {
  expect(journeyText, 'the recording test runs first, in this serial file').not.toBe('');
  const run = await runJourneys({ files: { 'recorded/first.journey.yaml': withoutSchemaLine(journeyText) }, mcpConfigPath: join(repoRoot, 'fixtures', 'mcp.json') });
  expect(run.exitCode, run.output).toBe(0);
  expect(run.allureResults.map((r) => r.status)).toEqual(['passed']);
});

/** fixtures/mcp.json with codebase-mcp as the recording, and workflow-mcp launched as the embedded stack does. */
function replayProject(): string {
  const project = mkdtempSync(join(dir, 'replay-'));
  writeFileSync(join(project, 'mcp.json'), JSON.stringify({
    mcpServers: {
      'codebase-mcp': { type: 'replay', recording },
      'workflow-mcp': { type: 'sse', url: 'http://127.0.0.1:${WORKFLOW_MCP_PORT:-8010}/sse' },
    },
  }));
  writeFileSync(join(project, 'mcp.stack.json'), JSON.stringify({
    postgres: 'embedded',
    servers: {
      'workflow-mcp': {
        node: join(repoRoot, 'fixtures', 'servers', 'workflow-mcp', 'main.ts'),
        env: { WORKFLOW_MCP_HOST: '127.0.0.1', WORKFLOW_MCP_PORT: '${port}', WORKFLOW_MCP_DATABASE_URL: '${database_url}' },
        database: true, ready: 'file',
      },
    },
  }));
  return join(project, 'mcp.json');
}

test('the same journey passes with codebase-mcp replaced by the recording; an unrecorded request is a protocol_error naming it', async () => {
  expect(journeyText, 'the recording test runs first, in this serial file').not.toBe('');
  const changed = withoutSchemaLine(journeyText)
    .replace(/^test_id: .*$/m, 'test_id: 7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f')
    .replace(/^test_name: .*$/m, 'test_name: "Recorded, asked something else"')
    .replace('query: authenticate user', 'query: something never asked');
  const run = await runJourneys({
    files: { 'recorded/first.journey.yaml': withoutSchemaLine(journeyText), 'recorded/changed.journey.yaml': changed },
    mcpConfigPath: replayProject(),
  });
  const byName = (name: string) => run.allureResults.find((r) => r.name === name);
  expect(byName('Recorded session: first')?.status, run.output).toBe('passed');
  const failed = byName('Recorded, asked something else');
  expect(failed?.status).toBe('failed');
  expect(failed?.statusDetails?.message).toContain('failed with a protocol error');
  expect(failed?.statusDetails?.message).toContain('replay of codebase-mcp: no recorded answer to tools/call search_code {"arguments":{"limit":5,"query":"something never asked"},"name":"search_code"}');
});
