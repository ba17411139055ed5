// Execution segments: with --shard=i/n a load journey is listed in every shard (the other journeys are
// split as Playwright splits them) and runs its segment of the sessions there; `merge-results` turns the
// segments into the whole load: the same sessions, connections and calls as one run of all 50 sessions.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { checkResult } from '../../src/report/perf/readResult.js';
import type { LoadTestResult } from '../../src/report/perf/types.js';
import { repoRoot, runJourneys } from '../support/inline.js';
import { limitServerPath, startTestServer } from '../support/servers/spawn.js';
import type { RunningServer } from '../support/servers/spawn.js';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const SESSIONS = 50;

const load = `test_id: 7e0c3b52-4f1a-4c2e-9d7b-2a51c0e8f301
test_name: Fifty sessions in segments
description: Fifty sessions, two passes each.
servers_required: [limit]
load: { sessions: ${SESSIONS}, iterations: 2, think_time: 100ms, thresholds: { error_rate: 0 } }
test_steps:
  - call: limit.work
    args: { ms: 5 }
    expect: { outcome: ok }
  - call: limit.refuse
    expect: { error: refused }
`;

const plain = (n: number) => `test_id: 7e0c3b52-4f1a-4c2e-9d7b-2a51c0e8f31${n}
test_name: Plain journey ${n}
description: One call.
servers_required: [limit]
test_steps:
  - call: limit.work
    args: { ms: 1 }
    expect: { outcome: ok }
  - call: limit.refuse
    expect: { error: refused }
`;

let dir: string;
let server: RunningServer;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcpj-segments-'));
  server = await startTestServer({ transport: 'http', script: limitServerPath, args: ['--limit', '1000'] });
});
test.afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function run(name: string, args: string[]) {
  const files: Record<string, string> = { 'load/segments.journey.yaml': load };
  for (const n of [1, 2, 3]) files[`plain/p${n}.journey.yaml`] = plain(n);
  const result = await runJourneys({
    files,
    mcpConfig: { mcpServers: { limit: { type: 'http', url: server.url, tools: ['work', 'refuse'] } } },
    env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, name), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines') },
    args: ['--workers=1', ...args],
  });
  expect(result.exitCode, result.output).toBe(0);
  return { titles: result.allureResults.map((r) => r.name).sort(), load: loadResult(join(dir, name)) };
}

function loadResult(folder: string): LoadTestResult {
  const files = readdirSync(folder).filter((f) => f.startsWith('load-'));
  expect(files).toHaveLength(1);
  const checked = checkResult(JSON.parse(readFileSync(join(folder, files[0] ?? ''), 'utf8')));
  expect(checked.problems).toEqual([]);
  return checked.result as LoadTestResult;
}

test('two shards each run their segment of a 50-session load, and merge into the whole load', async () => {
  const whole = await run('whole', []);
  const first = await run('shard-1', ['--shard=1/2']);
  const second = await run('shard-2', ['--shard=2/2']);
  // The load journey in both shards; each other journey in exactly one.
  expect(first.titles).toContain('Fifty sessions in segments');
  expect(second.titles).toContain('Fifty sessions in segments');
  const others = [...first.titles, ...second.titles].filter((t) => t.startsWith('Plain')).sort();
  expect(others).toEqual(['Plain journey 1', 'Plain journey 2', 'Plain journey 3']);

  expect(first.load).toMatchObject({ segment: { index: 1, count: 2 }, parameters: { sessions: SESSIONS / 2 }, concurrent_clients: SESSIONS / 2 });
  expect(second.load).toMatchObject({ segment: { index: 2, count: 2 }, parameters: { sessions: SESSIONS / 2 } });
  expect(whole.load.segment).toBeUndefined();

  const out = join(dir, 'merged');
  await promisify(execFile)(process.execPath, [join(repoRoot, 'bin', 'mcp-journeys.js'), 'merge-results', join(dir, 'shard-1'), join(dir, 'shard-2'), '--output', out], { cwd: dir });
  const merged = loadResult(out);
  expect(merged.segment).toBeUndefined();
  expect(merged.merged_from).toHaveLength(2);
  for (const key of ['total_requests', 'successful_requests', 'failed_requests', 'concurrent_clients'] as const) expect(merged[key], key).toBe(whole.load[key]);
  expect(merged.total_requests).toBe(SESSIONS * 2 * 2);
  expect(merged.parameters.sessions).toBe(SESSIONS);
  expect(merged.connections?.opened).toBe(whole.load.connections?.opened);
  expect(merged.histogram.count).toBe(whole.load.histogram.count);
});
