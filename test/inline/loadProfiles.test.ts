// The breaking_point and churn profiles against a server of known capacity (limitServer.ts: a tool
// error while more than `--limit` calls are in flight): the breaking point is found at the limit, and a
// churning load reports connections per second and leaves no MCP session open on the server.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { checkResult } from '../../src/report/perf/readResult.js';
import type { LoadTestResult } from '../../src/report/perf/types.js';
import { runJourneys } from '../support/inline.js';
import type { AllureStep } from '../support/inline.js';
import { limitServerPath, startTestServer } from '../support/servers/spawn.js';
import type { RunningServer } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

const LIMIT = 4;

const head = (n: number, name: string) => `test_id: 7e0c3b52-4f1a-4c2e-9d7b-2a51c0e8f2${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [limit]
`;

const steps = (ms: number) => `test_steps:
  - call: limit.work
    args: { ms: ${ms} }
    expect: { outcome: ok }
  - call: limit.refuse
    expect: { error: refused }
`;

const breaking = `${head(1, 'Breaking point of a server that takes four calls at once')}load: { profile: breaking_point, sessions: 8, start: 1, step: 1, level_duration: 1s, thresholds: { error_rate: 0 } }
${steps(100)}`;

const churn = `${head(2, 'Sessions that come and go')}load: { profile: churn, sessions: 3, ramp_up: 0s, duration: 2s, thresholds: { error_rate: 0 } }
${steps(5)}`;

interface Stats { open_sessions: number; sessions_opened: number; peak_in_flight: number }

let dir: string;
let server: RunningServer;
test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcpj-profiles-'));
  server = await startTestServer({ transport: 'http', script: limitServerPath, args: ['--limit', String(LIMIT)] });
});
test.afterEach(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function play(journey: string) {
  const run = await runJourneys({
    files: { 'load/p.journey.yaml': journey },
    mcpConfig: { mcpServers: { limit: { type: 'http', url: server.url, tools: ['work', 'refuse'] } } },
    env: { MCP_JOURNEYS_RESULTS_DIR: join(dir, 'results'), MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines') },
    args: ['--workers=1'],
  });
  const files = readdirSync(join(dir, 'results')).filter((f) => f.startsWith('load-'));
  expect(files, run.output).toHaveLength(1);
  const checked = checkResult(JSON.parse(readFileSync(join(dir, 'results', files[0] ?? ''), 'utf8')));
  expect(checked.problems).toEqual([]);
  const stats = await (await fetch(new URL('/stats', server.url))).json() as Stats;
  return { run, result: checked.result as LoadTestResult, stats };
}

const stepNames = (steps: readonly AllureStep[]): string[] => steps.flatMap((s) => [s.name, ...stepNames(s.steps)]);
const names = (steps: readonly AllureStep[]): string[] => steps.flatMap((s) => [...(s.attachments ?? []).map((a) => a.name), ...names(s.steps)]);

test('a breaking_point load finds the limit of a server that refuses calls above it, within one step', async () => {
  const { run, result, stats } = await play(breaking);
  expect(run.exitCode, run.output).toBe(0);
  const bp = result.breaking_point;
  expect(bp, run.output).toMatchObject({ start: 1, step: 1, max: 8, level_duration_ms: 1000 });
  expect(Math.abs((bp?.last_held ?? 0) - LIMIT), JSON.stringify(bp?.levels)).toBeLessThanOrEqual(1);
  expect(bp?.first_broken).toBe((bp?.last_held ?? 0) + 1);
  expect(bp?.reason).toMatch(/^error rate .* is over the threshold 0 %$/);
  // The load stopped at the first level that broke.
  expect(bp?.levels.map((l) => l.sessions)).toEqual(Array.from({ length: bp?.first_broken ?? 0 }, (_, k) => k + 1));
  expect(bp?.levels.filter((l) => !l.held)).toHaveLength(1);
  expect(Object.keys(result.errors)).toEqual(['tool_error']);
  expect(stats.peak_in_flight).toBeGreaterThan(LIMIT);
  expect(names(run.allureResults[0]?.steps ?? [])).toContain('load journey: breaking point');
  expect(stepNames(run.allureResults[0]?.steps ?? [])).toContainEqual(expect.stringMatching(/^Load: breaking point, 1 sessions \+ 1 per 1000 ms level up to 8, in \d+ threads?$/));
});

test('a churn load reports connections per second and leaves no session open on the server', async () => {
  const { run, result, stats } = await play(churn);
  expect(run.exitCode, run.output).toBe(0);
  const c = result.connections;
  // Each iteration is a connection of its own: far more connections than sessions.
  expect(c?.opened ?? 0, run.output).toBeGreaterThan(3 * 3);
  expect(c).toMatchObject({ closed: c?.opened, failed: 0 });
  expect(c?.per_second).toBeGreaterThan(0);
  expect(result.total_requests).toBe(2 * (c?.opened ?? 0));
  expect(stats.sessions_opened).toBeGreaterThanOrEqual(c?.opened ?? 0);
  expect(stats.open_sessions).toBe(0);
});
