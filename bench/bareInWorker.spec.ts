// The bare SDK client's calls (bareCalls.ts) inside a Playwright test: the same worker process a journey
// runs in, without the runner. With BENCH_BARE_STEPS=1 each call is also a `test.step` at a location, in a
// group of its own, as a journey's call steps are: what Playwright's reporting of a step costs by itself,
// apart from anything the runner does. Started by bench/runner.ts through bareInWorker.config.ts.
import { test } from '@playwright/test';
import { timeCalls } from './bareCalls.js';
import type { BareRequest, Wrapping } from './bareCalls.js';

const location = { file: 'bench/calls.journey.yaml', line: 1, column: 1 };
const request = JSON.parse(process.env['BENCH_BARE_REQUEST'] ?? '{}') as BareRequest;
const stepped: Wrapping = {
  call: (run) => test.step(`call ${process.env['BENCH_BARE_SERVER'] ?? 'test'}.${request.call.name}`, run, { location }),
  measured: (run) => test.step('Test steps', run, { location }),
};

test('bare SDK client in a Playwright worker', async () => {
  test.setTimeout(600_000);
  const ms = await timeCalls(request, process.env['BENCH_BARE_STEPS'] === '1' ? stepped : undefined);
  console.log(`BENCH_RESULT ${JSON.stringify({ ms })}`);
});
