// The README's journey examples are meant to be copied: each one (a yaml block preceded by
// `<!-- journeys/<folder>/<file> -->`) must validate cleanly against the default server configuration.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { serverContext } from '../../src/cli/serverContext.js';
import { formatDiagnostics } from '../../src/common/formatDiagnostic.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ReadmeExample {
  path: string;
  text: string;
}

export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- (journeys\/\S+) -->\n```yaml\n([\s\S]*?)```/g)].map((m) => ({ path: m[1] ?? '', text: m[2] ?? '' }));
}

/** Writes the examples under a temp root that links schemas/ like the repository does. */
export function writeExamples(examples: ReadmeExample[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mcp-journeys-readme-'));
  symlinkSync(join(ROOT, 'schemas'), join(root, 'schemas'));
  for (const e of examples) {
    mkdirSync(dirname(join(root, e.path)), { recursive: true });
    writeFileSync(join(root, e.path), e.text);
  }
  return root;
}

test('the README has a journey example for each feature it documents', () => {
  const paths = readmeExamples().map((e) => e.path);
  expect(paths).toEqual(expect.arrayContaining([
    'journeys/examples/first.journey.yaml', 'journeys/examples/steps.journey.yaml', 'journeys/examples/matchers.journey.yaml',
    'journeys/_shared/new-project.yaml', 'journeys/examples/include.journey.yaml', 'journeys/examples/faults.journey.yaml',
    'journeys/examples/stale.journey.yaml',
  ]));
});

test('every README journey example validates with no diagnostic at all', () => {
  const examples = readmeExamples();
  const root = writeExamples(examples);
  try {
    const files = examples.filter((e) => e.path.endsWith('.journey.yaml')).map((e) => join(root, e.path));
    const result = validateJourneys(files, serverContext(join(ROOT, 'fixtures/mcp.json')));
    const text = formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked);
    expect(result.diagnostics, text).toEqual([]);
    expect(result.journeys).toHaveLength(files.length);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
