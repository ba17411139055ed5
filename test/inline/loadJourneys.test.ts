// The catalogue's benchmark and load journeys (S16, S20) run against the embedded stack and leave result
// files that follow their schemas and the entities' rules. Whether the figures meet their targets depends
// on the machine; that verdict is the journeys' own, not this test's.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { checkResult } from '../../src/report/perf/readResult.js';
import type { BenchmarkResult, LoadTestResult, PerfResult } from '../../src/report/perf/types.js';
import { repoRoot, runJourneys } from '../support/inline.js';

test.describe.configure({ timeout: 600_000 });

/** A catalogue file without its schema line (the helper writes one that points at the schema from the temp dir). */
function catalogue(path: string): string {
  return readFileSync(join(repoRoot, 'journeys', path), 'utf8').replace(/^# yaml-language-server:.*\n/, '');
}

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcpj-load-')); });
test.afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

test('S16 and S20 write benchmark and load results that validate against their schemas', async () => {
  const results = join(dir, 'results');
  const run = await runJourneys({
    files: {
      'load/s16-switch-and-entities.journey.yaml': catalogue('load/s16-switch-and-entities.journey.yaml'),
      'load/s20-fifty-sessions.journey.yaml': catalogue('load/s20-fifty-sessions.journey.yaml'),
      '_shared/workspace.yaml': catalogue('_shared/workspace.yaml'),
    },
    mcpConfigPath: join(repoRoot, 'fixtures', 'mcp.json'),
    env: { MCP_JOURNEYS_RESULTS_DIR: results, MCP_JOURNEYS_BASELINES_DIR: join(dir, 'no-baselines') },
    args: ['--workers=1'],
    timeoutMs: 540_000,
  });
  const files = readdirSync(results).filter((f) => /^(benchmark|load)-.*\.json$/.test(f));
  const checked = files.map((f) => ({ file: f, ...checkResult(JSON.parse(readFileSync(join(results, f), 'utf8'))) }));
  for (const c of checked) expect.soft(c.problems, `${c.file}\n${run.output.slice(-3000)}`).toEqual([]);
  const valid = checked.map((c) => c.result).filter((r): r is PerfResult => r !== undefined);

  const benchmarks = valid.filter((r): r is BenchmarkResult => r.kind === 'benchmark');
  expect(benchmarks.map((b) => b.operation).sort()).toEqual(['get_active_project', 'query_entities', 'switch five projects and query entities', 'switch_project']);
  const switches = benchmarks.find((b) => b.operation === 'switch_project');
  expect(switches?.sample_size).toBe(60);
  expect(switches?.thresholds).toEqual({ p95_ms: 50 });
  expect(benchmarks.find((b) => b.operation === 'query_entities')?.thresholds).toEqual({ p95_ms: 100 });

  const loads = valid.filter((r): r is LoadTestResult => r.kind === 'load');
  expect(loads).toHaveLength(1);
  const load = loads[0];
  expect(load?.concurrent_clients).toBe(50);
  expect(load?.parameters).toMatchObject({ sessions: 50, iterations: 4, ramp_up_ms: 5000, think_time_ms: 1500 });
  // Each session plays the 7 steps four times; a failed step ends its iteration, so fewer calls are possible.
  expect(load?.total_requests).toBeLessThanOrEqual(1400);
  expect(load?.total_requests).toBeGreaterThanOrEqual(100);
  expect(load?.servers).toEqual(['codebase-mcp', 'workflow-mcp']);
  expect(Object.keys(load?.resource_usage.servers ?? {}).sort()).toEqual(['codebase-mcp', 'workflow-mcp']);
  expect(load?.resource_usage.runner.samples).toBeGreaterThan(0);
  // No server crashed: a crash is named in the result's failures.
  expect(load?.failures ?? []).not.toContainEqual(expect.stringContaining('crashed'));
});
