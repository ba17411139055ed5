// The README's journey examples are meant to be copied: each one (a yaml block preceded by
// `<!-- journeys/<folder>/<file> -->`) must validate cleanly against the servers the README names: the
// embedded stack's, server-everything, the protocol test server and the README's OAuth configuration.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { serverContext } from '../../src/cli/serverContext.js';
import { formatDiagnostics } from '../../src/common/formatDiagnostic.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';
import { goldenBlocks, readmeExamples, writeExamples, writeReadmeConfig } from '../support/readme.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the README has a journey example for each feature it documents', () => {
  const paths = readmeExamples().map((e) => e.path);
  expect(paths).toEqual(expect.arrayContaining([
    'journeys/examples/first.journey.yaml', 'journeys/examples/steps.journey.yaml', 'journeys/examples/matchers.journey.yaml',
    'journeys/_shared/new-project.yaml', 'journeys/examples/include.journey.yaml', 'journeys/examples/faults.journey.yaml',
    'journeys/examples/stale.journey.yaml', 'journeys/examples/client.journey.yaml', 'journeys/examples/protocol.journey.yaml',
    'journeys/examples/results.journey.yaml', 'journeys/examples/notifications.journey.yaml', 'journeys/examples/cancel.journey.yaml', 'journeys/examples/snapshot.journey.yaml',
    'journeys/examples/output-schema.journey.yaml', 'journeys/examples/unchecked-output.journey.yaml', 'journeys/examples/oauth.journey.yaml',
    'journeys/examples/older-client.journey.yaml', 'journeys/examples/own-client.journey.yaml', 'journeys/examples/pages.journey.yaml',
  ]));
});

test('each diagnostic the README quotes from a golden file is that file, byte for byte', () => {
  const blocks = goldenBlocks();
  expect(blocks.map((b) => b.path)).toEqual(expect.arrayContaining(['test/golden/protocol/ambiguous.err', 'test/golden/runtime/unanswered-elicitation.txt']));
  for (const block of blocks) expect(block.text, block.path).toBe(readFileSync(join(ROOT, block.path), 'utf8'));
});

test('every README journey example validates with no diagnostic at all', () => {
  const examples = readmeExamples();
  const root = writeExamples(examples);
  try {
    const files = examples.filter((e) => e.path.endsWith('.journey.yaml')).map((e) => join(root, e.path));
    const result = validateJourneys(files, serverContext(writeReadmeConfig(root)));
    const text = formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked);
    expect(result.diagnostics, text).toEqual([]);
    expect(result.journeys).toHaveLength(files.length);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
