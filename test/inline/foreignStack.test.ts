// The reference servers launched through a user-style stack definition, as if they were someone else's
// servers: a `.mcp.json` and its `.mcp.stack.json` in a temp project, commands and readiness as a user
// would write them, one stack with both servers over HTTP/SSE and one with codebase-mcp over stdio (as
// the real one is). The catalogue's degraded journeys S3, S12, S13 and S14 run on them unchanged and
// pass; with their fault and server steps taken out they fail, so the faults are what they test.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseDocument, isMap, isSeq } from 'yaml';
import { repoRoot, runJourneys, type AllureResult } from '../support/inline.js';

test.describe.configure({ timeout: 600_000 });

const SHARED = ['workspace.yaml', 'warm-references.yaml', 'index.yaml', 'reindex.yaml'];
const JOURNEYS = {
  S3: 'degraded/s03-codebase-down.journey.yaml',
  S12: 'degraded/s12-codebase-latency.journey.yaml',
  S13: 'degraded/s13-db-outage-indexing.journey.yaml',
  S14: 'degraded/s14-both-restart.journey.yaml',
} as const;
type Scenario = keyof typeof JOURNEYS;

const catalogue = (file: string): string => readFileSync(join(repoRoot, 'journeys', file), 'utf8');
const entry = (server: string): string => join(repoRoot, 'fixtures/servers', server, 'main.ts');
const titleOf = (file: string): string => String(parseDocument(catalogue(file)).get('test_name'));

/** The journey with every `fault` and `server` step taken out, under a new id and name. */
function withoutFaults(file: string): string {
  const doc = parseDocument(catalogue(file));
  doc.set('test_id', randomUUID());
  doc.set('test_name', `${titleOf(file)} (faults removed)`);
  const steps = doc.get('test_steps');
  if (!isSeq(steps)) throw new Error(`${file}: no test_steps`);
  steps.items = steps.items.filter((step) => !(isMap(step) && (step.has('fault') || step.has('server'))));
  return doc.toString();
}

function files(scenarios: Scenario[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SHARED) out[`_shared/${name}`] = catalogue(`_shared/${name}`);
  for (const s of scenarios) {
    out[JOURNEYS[s]] = catalogue(JOURNEYS[s]);
    out[JOURNEYS[s].replace('degraded/', 'unfaulted/')] = withoutFaults(JOURNEYS[s]);
  }
  return out;
}

/** A server as a user would launch it: their command, in their checkout, told its port and database. */
const launched = (server: string, env: Record<string, string>, ready: unknown) => ({
  command: 'node', args: ['--import', 'tsx', entry(server)], cwd: repoRoot, env, database: true, ready,
});

function project(mcp: unknown, stack: unknown): { config: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-foreign-'));
  writeFileSync(join(dir, 'servers.json'), JSON.stringify(mcp, null, 2));
  writeFileSync(join(dir, 'servers.stack.json'), JSON.stringify(stack, null, 2));
  return { config: join(dir, 'servers.json'), dir };
}

const byName = (results: AllureResult[], name: string): AllureResult | undefined => results.find((r) => r.name === name);

function expectOutcomes(results: AllureResult[], scenarios: Scenario[], output: string): void {
  for (const s of scenarios) {
    const title = titleOf(JOURNEYS[s]);
    expect.soft(byName(results, title)?.status, `${s} with its faults\n${output}`).toBe('passed');
    expect.soft(byName(results, `${title} (faults removed)`)?.status, `${s} without its faults`).toBe('failed');
  }
}

test('over HTTP and SSE, launched by command: S3, S12, S13 and S14 pass with their faults and fail without', async () => {
  const { config, dir } = project({
    mcpServers: {
      'codebase-mcp': { type: 'http', url: 'http://127.0.0.1:8020/mcp' },
      'workflow-mcp': { type: 'sse', url: 'http://127.0.0.1:8010/sse' },
    },
  }, {
    servers: {
      'codebase-mcp': launched('codebase-mcp', { CODEBASE_MCP_PORT: '${port}', DATABASE_URL: '${database_url}', WORKFLOW_MCP_URL: '${server_url:workflow-mcp}' }, { http: '/health' }),
      'workflow-mcp': launched('workflow-mcp', { WORKFLOW_MCP_PORT: '${port}', DATABASE_URL: '${database_url}', CODEBASE_MCP_URL: '${server_url:codebase-mcp}' }, { log: '"event":"listening"' }),
    },
  });
  try {
    const scenarios: Scenario[] = ['S3', 'S12', 'S13', 'S14'];
    const run = await runJourneys({ mcpConfigPath: config, files: files(scenarios), timeoutMs: 540_000 });
    expectOutcomes(run.allureResults, scenarios, run.output);
    expect(run.exitCode).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const relayJourney = `test_id: ${randomUUID()}
test_name: The stdio relay delays and cuts a stdio server
description: Latency and down faults on the link of a stdio server, through the relay.
servers_required: [codebase-mcp, workflow-mcp]
session:
  reconnect: { attempts: 1, initial_delay: 100ms, max_delay: 100ms }
setup_steps:
  - include: ../_shared/workspace.yaml
    with: { project_name: relay, repo_path: "\${fixtures}/repos/storefront" }
test_steps:
  - fault: { target: codebase-mcp, latency: { ms: 300 } }
  - name: Search under the relay's delay
    call: codebase-mcp.search_code
    args: { query: authenticate user, limit: 1 }
    timeout: 10s
    expect: { result: { $.results: { minItems: 1 } } }
  - fault: { clear: codebase-mcp }
  - fault: { target: codebase-mcp, down: true }
  - name: Search with the relay down
    call: codebase-mcp.search_code
    args: { query: authenticate user, limit: 1 }
    expect: { unavailable: true }
  - fault: { clear: codebase-mcp }
  - name: Search once the relay is back
    call: codebase-mcp.search_code
    args: { query: authenticate user, limit: 1 }
    expect: { result: { $.results: { minItems: 1 } } }
`;

test('codebase-mcp over stdio, as the real one: S12, S13 and S14 through the relay, and its latency and down faults', async () => {
  const { config, dir } = project({
    mcpServers: {
      'codebase-mcp': { command: 'node', args: ['--import', 'tsx', entry('codebase-mcp'), '--stdio'], cwd: repoRoot },
      'workflow-mcp': { type: 'http', url: 'http://127.0.0.1:8010/mcp' },
    },
  }, {
    servers: {
      'codebase-mcp': { env: { DATABASE_URL: '${database_url}', WORKFLOW_MCP_URL: '${server_url:workflow-mcp}' }, database: true },
      'workflow-mcp': launched('workflow-mcp', { WORKFLOW_MCP_PORT: '${port}', DATABASE_URL: '${database_url}' }, 'tcp'),
    },
  });
  try {
    // S3 needs workflow-mcp to reach codebase-mcp over HTTP, which a stdio server does not serve.
    const scenarios: Scenario[] = ['S12', 'S13', 'S14'];
    const run = await runJourneys({ mcpConfigPath: config, files: { ...files(scenarios), 'stdio/relay.journey.yaml': relayJourney }, timeoutMs: 540_000 });
    expectOutcomes(run.allureResults, scenarios, run.output);
    const relay = byName(run.allureResults, 'The stdio relay delays and cuts a stdio server');
    expect(relay?.status, run.output).toBe('passed');
    const delayed = relay?.steps.find((s) => s.name === 'Test steps')?.steps.find((s) => s.name === "Search under the relay's delay");
    const parameter = (name: string): number => Number(delayed?.parameters?.find((p) => p.name === name)?.value);
    expect(parameter('injected_ms')).toBe(300);
    // The delay is in the reported latency (its bound from above is the benchmark's: npm run bench stdioRelay).
    expect(parameter('latency_ms')).toBeGreaterThanOrEqual(300);
    expect(run.exitCode).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
