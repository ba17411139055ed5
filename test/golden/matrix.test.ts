// Golden output of `matrix:` (src/validate/matrix.ts): a key that is not a server of the journey, a server
// nobody configured, one without the tools the journey calls, a list with nothing in it; and a valid
// matrix, which expands into one journey per instance with the servers renamed where the steps name them.
// UPDATE_GOLDEN=1 rewrites the .err files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { formatDiagnostics } from '../../src/common/formatDiagnostic.js';
import { compileJourney } from '../../src/compile/compileJourney.js';
import type { CallStepPlan } from '../../src/compile/plan.js';
import type { ValidationContext } from '../../src/validate/types.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = 'test/golden/matrix';

/** The code server over two transports, and a workflow server with tools of its own. */
const CONTEXT: ValidationContext = {
  servers: {
    'codebase-mcp': { transport: 'stdio', launched: true, tools: ['search_code', 'get_code_chunks'] },
    'codebase-mcp-http': { transport: 'http', launched: true, tools: ['search_code', 'get_code_chunks'] },
    'workflow-mcp': { transport: 'sse', launched: true, tools: ['create_project'] },
  },
};

const cases = readdirSync(join(ROOT, CASES)).filter((f) => f.endsWith('.journey.yaml')).map((f) => f.replace(/\.journey\.yaml$/, '')).sort();

function relativeToRoot(text: string): string {
  return text.split(join(ROOT, CASES)).join(CASES);
}

for (const name of cases) {
  test(`validate ${name}`, () => {
    const result = validateJourneys([join(ROOT, CASES, `${name}.journey.yaml`)], CONTEXT);
    const output = relativeToRoot(formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked));
    const golden = join(ROOT, CASES, `${name}.err`);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });
}

test('each broken matrix bites with its own code; a broken journey is not run', () => {
  const codes = (name: string) => validateJourneys([join(ROOT, CASES, `${name}.journey.yaml`)], CONTEXT).diagnostics.map((d) => d.code);
  expect(codes('unknown-server')).toEqual(['JOURNEY_UNKNOWN_SERVER']);
  expect(codes('not-required')).toEqual(['JOURNEY_MATRIX']);
  expect(codes('missing-tool')).toEqual(['JOURNEY_UNKNOWN_TOOL']);
  expect(codes('bad-shape')).toEqual(['JOURNEY_SCHEMA']);
  expect(codes('valid')).toEqual([]);
  const broken = validateJourneys(['unknown-server', 'not-required', 'missing-tool'].map((n) => join(ROOT, CASES, `${n}.journey.yaml`)), CONTEXT);
  expect(broken.journeys).toEqual([]);
});

test('a valid matrix is one journey per instance: servers renamed where the steps name them, the instance in the title', () => {
  const result = validateJourneys([join(ROOT, CASES, 'valid.journey.yaml')], CONTEXT);
  const plans = result.journeys.map((j) => compileJourney(j, { journeysDir: join(ROOT, CASES) }));
  expect(plans.map((p) => p.title)).toEqual([
    'Search over every transport [codebase-mcp: codebase-mcp]',
    'Search over every transport [codebase-mcp: codebase-mcp-http]',
  ]);
  expect(plans.map((p) => p.instance)).toEqual([{ 'codebase-mcp': 'codebase-mcp' }, { 'codebase-mcp': 'codebase-mcp-http' }]);
  expect(plans.map((p) => p.testId)).toEqual([plans[0]?.testId, plans[0]?.testId]);
  const http = plans[1];
  expect(http?.servers).toEqual(['codebase-mcp-http', 'workflow-mcp']);
  const calls = (http?.test.steps ?? []) as CallStepPlan[];
  expect(calls.map((c) => [c.server, c.tool])).toEqual([['codebase-mcp-http', 'search_code'], ['codebase-mcp-http', 'search_code'], ['workflow-mcp', 'create_project']]);
  // Located where the journey says, whichever instance.
  expect(calls.map((c) => c.location.line)).toEqual([9, 12, 15]);
  // The document the validator read is left as written.
  expect(result.journeys[0]?.doc.servers_required).toEqual(['codebase-mcp', 'workflow-mcp']);
});
