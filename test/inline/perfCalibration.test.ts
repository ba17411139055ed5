// The calibrated gate: a benchmark records a calibration (ping p50 to its server, a CPU loop) measured
// in the same run. Against a baseline recorded on a machine twice as fast (the server's --slower 2
// makes ping and work twice as slow, as other hardware would) the run passes on its calibrated p95
// though its absolute p95 doubled; a server that got twice as slow with the same ping fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { checkResult } from '../../src/report/perf/readResult.js';
import type { BenchmarkResult } from '../../src/report/perf/types.js';
import { runJourneys } from '../support/inline.js';
import { limitServerPath, startTestServer } from '../support/servers/spawn.js';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const journey = `test_id: 7e0c3b52-4f1a-4c2e-9d7b-2a51c0e8f401
test_name: Calibrated work benchmark
description: A call of known latency on a machine of known speed.
servers_required: [limit]
test_steps:
  - name: Work
    call: limit.work
    args: { ms: 200 }
    expect: { outcome: ok }
    benchmark: { iterations: 10, warmup: 1 }
  - call: limit.refuse
    expect: { error: refused }
`;

let dir: string;
test.beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'mcpj-calibration-')); });
test.afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function run(name: string, serverArgs: string[], update = false) {
  const server = await startTestServer({ transport: 'http', script: limitServerPath, args: ['--limit', '100', ...serverArgs] });
  try {
    const inline = await runJourneys({
      files: { 'perf/work.journey.yaml': journey },
      mcpConfig: { mcpServers: { limit: { type: 'http', url: server.url, tools: ['work', 'refuse'] } } },
      env: { MCP_JOURNEYS_BASELINES_DIR: join(dir, 'baselines'), MCP_JOURNEYS_RESULTS_DIR: join(dir, name), ...(update ? { MCP_JOURNEYS_UPDATE_BASELINES: '1' } : {}) },
      args: ['--workers=1'],
    });
    const files = readdirSync(join(dir, name)).filter((f) => f.startsWith('benchmark-'));
    expect(files, inline.output).toHaveLength(1);
    const checked = checkResult(JSON.parse(readFileSync(join(dir, name, files[0] ?? ''), 'utf8')));
    expect(checked.problems).toEqual([]);
    return { inline, result: checked.result as BenchmarkResult };
  } finally {
    await server.stop();
  }
}

test('a run on a machine twice as slow passes on its calibrated p95; a server twice as slow fails', async () => {
  const recorded = await run('baseline', [], true);
  expect(recorded.inline.exitCode, recorded.inline.output).toBe(0);
  expect(recorded.result.calibration).toMatchObject({ server: 'limit', pings: 21, ping_p50_ms: expect.any(Number), cpu_ms: expect.any(Number) });
  expect(recorded.result.calibration?.ping_p50_ms).toBeGreaterThanOrEqual(30);

  const slowMachine = await run('slow-machine', ['--slower', '2']);
  expect(slowMachine.inline.exitCode, slowMachine.inline.output).toBe(0);
  const passed = slowMachine.result.baseline;
  expect(passed).toMatchObject({ status: 'passed', calibrated: true });
  // The absolute p95 doubled, and is still shown.
  expect(passed?.ratio).toBeGreaterThan(1.5);
  expect(passed?.calibration_ratio).toBeGreaterThan(1.5);
  expect(passed?.message).toMatch(/^p95 [\d.]+ ms vs baseline [\d.]+ ms; calibrated \(ping p50 ×[\d.]+, CPU loop ×[\d.]+\): [\d.]+ ms \([-+][\d.]+ %, limit \+20 %\): within the threshold/);

  const slowServer = await run('slow-server', ['--work-slower', '2']);
  expect(slowServer.inline.exitCode, slowServer.inline.output).toBe(1);
  const regressed = slowServer.result.baseline;
  expect(regressed).toMatchObject({ status: 'regressed', calibrated: false });
  expect(regressed?.ratio).toBeGreaterThan(1.5);
  expect(regressed?.message).toMatch(/^p95 regressed: /);
  expect(slowServer.inline.output).toContain('PerformanceRegressionError');
});
