// The conformance suite's client scenarios (pinned; on Node 20 with the fs.globSync shim) against the
// runner: for each, the suite starts its test server and runs journeyClient.ts, which plays the scenario's
// journey (test/support/conformance/journeys/<scenario>.journey.yaml) through the runner against it. A
// scenario passes or is in conformanceBaseline.json with its reason; an entry there that passes fails too,
// so the baseline lists only real limits.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { clientScenarios, runClientScenario } from '../support/conformance/suite.js';
import type { Check } from '../support/conformance/suite.js';

const baseline = (JSON.parse(readFileSync(new URL('./conformanceBaseline.json', import.meta.url), 'utf8')) as { expectedFailures: Record<string, string> }).expectedFailures;
const scenarios = clientScenarios();
const client = fileURLToPath(new URL('../support/conformance/journeyClient.ts', import.meta.url));
const command = `${process.execPath} --import ${import.meta.resolve('tsx')} ${client}`;

const failing = (checks: Check[]): Check[] => checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
const summary = (checks: Check[]): string => checks.map((c) => `${c.status} ${c.id}: ${c.errorMessage ?? c.description}`).join('\n');

test('the baseline names only client scenarios of this suite, each with a reason', () => {
  expect(scenarios).toEqual(expect.arrayContaining(['initialize', 'tools_call', 'sse-retry', 'elicitation-sep1034-client-defaults']));
  for (const [scenario, reason] of Object.entries(baseline)) {
    expect(scenarios, `baseline entry ${scenario}`).toContain(scenario);
    expect(reason.trim(), `baseline entry ${scenario}`).not.toBe('');
  }
});

for (const scenario of scenarios) {
  const reason = baseline[scenario];
  test(`client scenario ${scenario}, through a journey: ${reason === undefined ? 'passes' : 'fails, as the baseline says'}`, async () => {
    // The suite, a Playwright run inside it, and the scenario's own waits (sse-retry, OAuth redirects).
    test.setTimeout(240_000);
    const run = await runClientScenario(scenario, command, { timeoutMs: 180_000 });
    // The journey must pass too: some scenarios (auth/resource-mismatch) accept a client that gives up.
    const journeyFailed = run.output.includes('Client exited with code');
    const passed = run.code === 0 && !journeyFailed && run.checks.length > 0 && failing(run.checks).length === 0;
    if (reason === undefined) expect(passed, `${summary(run.checks)}\n\n${run.output}`).toBe(true);
    else expect(passed, `${scenario} passes now: remove it from conformanceBaseline.json (it said: ${reason})`).toBe(false);
  });
}
