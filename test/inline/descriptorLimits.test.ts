// The file-descriptor guards bite on a runner whose open-files limit is 256 (prlimit): a load of 200
// sessions fails before any of its sessions connects, saying how many descriptors it needs and how to
// raise the limit; 300 sessions opened at once by a parallel step (no guard) run out of descriptors, and
// the connection says so instead of "fetch failed".
import { test, expect } from '@playwright/test';
import { runJourneys } from '../support/inline.js';
import { limitServerPath, startTestServer } from '../support/servers/spawn.js';
import type { RunningServer } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 180_000 });
test.skip(process.platform !== 'linux', 'prlimit and /proc/self/limits are Linux');

// Low enough to bite, high enough for Node to load the runner's modules (64 is not).
const LIMIT = 256;

const load = `test_id: 3f6b9e20-8c41-4d7a-b5e2-61a0d4c7e901
test_name: Two hundred sessions on a runner that may open 256 files
description: The descriptor guard fails it before any session starts.
servers_required: [guarded]
load: { profile: normal, sessions: 200, ramp_up: 0s, iterations: 1 }
test_steps:
  - call: guarded.work
    args: { ms: 1 }
    expect: { outcome: ok }
  - call: guarded.refuse
    expect: { error: refused }
`;

const parallel = `test_id: 3f6b9e20-8c41-4d7a-b5e2-61a0d4c7e902
test_name: Three hundred sessions at once on a runner that may open 256 files
description: Connections run out of descriptors.
servers_required: [open]
test_steps:
  - parallel:
      sessions: 300
      steps:
        - call: open.work
          args: { ms: 1 }
          timeout: 3s
          expect: { outcome: ok }
        - call: open.refuse
          expect: { error: refused }
`;

interface Stats { sessions_opened: number }
const stats = async (server: RunningServer): Promise<Stats> => await (await fetch(new URL('/stats', server.url))).json() as Stats;

let guarded: RunningServer;
let open: RunningServer;
test.beforeAll(async () => {
  const start = () => startTestServer({ transport: 'http', script: limitServerPath, args: ['--limit', '1000'] });
  [guarded, open] = await Promise.all([start(), start()]);
});
test.afterAll(async () => { await Promise.all([guarded.stop(), open.stop()]); });

test('a load that cannot fit in the open-files limit fails before connecting; a connection refused a descriptor says so', async () => {
  const run = await runJourneys({
    files: { 'load/many.journey.yaml': load, 'flows/parallel.journey.yaml': parallel },
    mcpConfig: { mcpServers: {
      guarded: { type: 'http', url: guarded.url, tools: ['work', 'refuse'] },
      open: { type: 'http', url: open.url, tools: ['work', 'refuse'] },
    } },
    args: ['--workers=1', '--reporter=line'],
    openFileLimit: LIMIT,
  });
  expect(run.exitCode, run.output).toBe(1);
  expect(run.output).toMatch(/load: this load needs about \d+ file descriptors, more than the 256 this process may hold \(its soft RLIMIT_NOFILE\): 200 sessions × 2 \(a stream to the HTTP\/SSE server and a request in flight\), plus \d+ open now and 64 to spare\. No session was started\./);
  expect(run.output).toMatch(/`ulimit -n \d+`.*The hard limit is 256/);
  // Only the journey's own session (the load's first step needs it for the calibration): none of the 200.
  expect((await stats(guarded)).sessions_opened, run.output).toBeLessThanOrEqual(1);

  expect(run.output).toMatch(/open \(http [^)]*\): .*out of file descriptors( while connecting to open)? \(EMFILE\): this process may hold 256 \(its soft RLIMIT_NOFILE\)/);
  expect(run.output).not.toMatch(/fetch failed \(connect EMFILE/);
});
