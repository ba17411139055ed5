// The bare SDK client's calls (bareCalls.ts) inside a Playwright test: the same worker process a journey
// runs in, without the runner. Started by bench/runner.ts through bareInWorker.config.ts.
import { test } from '@playwright/test';
import { timeCalls } from './bareCalls.js';
import type { BareRequest } from './bareCalls.js';

test('bare SDK client in a Playwright worker', async () => {
  test.setTimeout(600_000);
  const ms = await timeCalls(JSON.parse(process.env['BENCH_BARE_REQUEST'] ?? '{}') as BareRequest);
  console.log(`BENCH_RESULT ${JSON.stringify({ ms })}`);
});
