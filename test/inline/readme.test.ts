// The README's journey examples run as written against the embedded stack and server-everything (their
// validation is checked in test/unit/readme.test.ts): a reader who copies one gets a passing journey.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runJourneys } from '../support/inline.js';
import { readmeExamples, writeReadmeConfig } from '../support/readme.js';

test('every README journey example passes on the embedded stack and server-everything', async () => {
  test.setTimeout(600_000);
  const examples = readmeExamples();
  const files = Object.fromEntries(examples.map((e) => [e.path.replace(/^journeys\//, ''), e.text]));
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-readme-config-'));
  try {
    const run = await runJourneys({
      files, mcpConfigPath: writeReadmeConfig(dir), args: ['--workers=1', '--retries=0'], timeoutMs: 540_000,
    });
    const journeys = examples.filter((e) => e.path.endsWith('.journey.yaml')).length;
    expect(run.output).toContain(`${journeys} passed`);
    expect(run.exitCode, run.output).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
