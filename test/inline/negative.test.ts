// The S21 journeys in journeys/negative/ are meant to fail, each in one specific way: run them (against
// the embedded stack, as `--project negative` does) and check that every one fails with its message, in
// its step, at the YAML line marked `# expect-failure`, and that nothing after the failure ran.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot, runJourneys } from '../support/inline.js';
import type { AllureResult, AllureStep } from '../support/inline.js';

test.describe.configure({ timeout: 600_000 });

interface Expected {
  step: string;
  message: RegExp;
}

/** Each negative journey: the step that must fail and what it must say. */
const EXPECTED: Record<string, Expected> = {
  'wrong-file.journey.yaml': {
    step: 'Search for authentication logic',
    message: /^Expectation failed: \$\.results\[0\]\.file_path\n\$\.results\[0\]\.file_path {2}\(line 19\)\n {2}Expected: to match \/\^src\/cart\/\/\n {2}Received: "src\/auth\//,
  },
  'stale-expected-valid.journey.yaml': {
    step: 'The refund chunk is still valid (it is not)',
    // Staleness as workflow-mcp reports it: the real codebase-mcp has no tool to resolve chunk ids by.
    message: /^Expectation failed: \$\.work_item\.valid_references\n\$\.work_item\.valid_references {2}\(line 29\)\n {2}Expected: to equal \["[0-9a-f-]{36}"\]\n {2}Received: \[\]$/,
  },
  'latency-budget.journey.yaml': {
    step: 'Search within 0 ms',
    message: /^Latency budget exceeded: Search within 0 ms took \d+ ms, budget 0 ms\n {2}Expected: <= 0 ms\n {2}Received: \d+ ms$/,
  },
  'error-expected.journey.yaml': {
    step: 'Create a task with a perfectly good title',
    message: /^Expected Create a task with a perfectly good title to end with outcome tool_error, but it succeeded\n {2}Expected: tool_error\n {2}Received: ok: result \{"id":/,
  },
  'outside-scratch.journey.yaml': {
    step: 'Rewrite the real fixture',
    message: /^Rewrite the real fixture: \S+\/fixtures\/repos\/storefront\/README\.md is not inside a scratch repository; file steps only change copies made by a scratch_repo step$/,
  },
};

function readTree(dir: string, under: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(repoRoot, dir))) files[`${under}/${name}`] = readFileSync(join(repoRoot, dir, name), 'utf8');
  return files;
}

function steps(list: AllureStep[]): AllureStep[] {
  return list.flatMap((s) => [s, ...steps(s.steps)]);
}

function markedLine(source: string): number {
  const index = source.split('\n').findIndex((line) => line.includes('# expect-failure'));
  expect(index, 'the journey marks its failing line with # expect-failure').toBeGreaterThanOrEqual(0);
  return index + 1;
}

test('every negative journey fails exactly as it means to: message, step, YAML line', async () => {
  const negative = readTree('journeys/negative', 'negative');
  expect(Object.keys(negative).map((f) => f.replace('negative/', '')).sort()).toEqual(Object.keys(EXPECTED).sort());
  const readme = readFileSync(join(repoRoot, 'fixtures/repos/storefront/README.md'), 'utf8');
  const run = await runJourneys({
    files: { ...negative, ...readTree('journeys/_shared', '_shared') },
    mcpConfigPath: join(repoRoot, 'fixtures/mcp.json'),
    args: ['--project', 'negative', '--workers=1'],
  });
  expect(run.output).toContain(`${Object.keys(EXPECTED).length} failed`);
  expect(run.exitCode).toBe(1);
  // The refused file step wrote nothing.
  expect(readFileSync(join(repoRoot, 'fixtures/repos/storefront/README.md'), 'utf8')).toBe(readme);

  for (const [file, want] of Object.entries(EXPECTED)) {
    const source = negative[`negative/${file}`] ?? '';
    const title = /^test_name: "?(.+?)"?$/m.exec(source)?.[1];
    const result: AllureResult | undefined = run.allureResults.find((r) => r.name === title);
    expect(result, `${file}: an Allure result named ${title}`).toBeDefined();
    expect(result?.status, file).toBe('failed');
    // Allure keeps Playwright's "<ErrorName>: " before the message.
    expect(result?.statusDetails?.message?.replace(/^\w+Error: /, ''), file).toMatch(want.message);
    // The innermost frame of the trace is the marked line of this very file.
    const line = markedLine(source);
    const frame = new RegExp(`\\(\\S*journeys/negative/${file.replace(/\./g, '\\.')}:(\\d+):\\d+\\)`).exec(result?.statusDetails?.trace ?? '');
    expect(Number(frame?.[1]), `${file}: failure located at line ${line}`).toBe(line);
    const all = steps(result?.steps ?? []);
    expect(all.find((s) => s.name === want.step)?.status, `${file}: step "${want.step}"`).toBe('failed');
    expect(all.filter((s) => s.status === 'failed' && !['Setup', 'Test steps', 'Teardown'].includes(s.name)).map((s) => s.name), file).toEqual([want.step]);
    expect(all.some((s) => s.name === 'Never reached'), `${file}: nothing runs after the failure`).toBe(false);
  }
});
