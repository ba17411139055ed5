// Golden output of the rules that need a server's traits, not only its name: `server` steps need a server
// the runner launches, `http` steps one with an HTTP address. The context is built here (what the MCP
// configuration and its stack definition would say), the output is what `mcp-journeys validate` prints,
// compared byte for byte with `<case>.err`. UPDATE_GOLDEN=1 rewrites them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { formatDiagnostics } from '../../src/common/formatDiagnostic.js';
import type { ValidationContext } from '../../src/validate/types.js';
import { validateJourneys } from '../../src/validate/validateJourneys.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASES = 'test/golden/traits';

/** codebase-mcp over stdio (so launched), workflow-mcp at a URL the runner did not start, docs-mcp over
 * http with a command in the stack definition, billing-mcp known only to another configuration. */
const CONTEXT: ValidationContext = {
  servers: {
    'codebase-mcp': { transport: 'stdio', launched: true, tools: ['search_code'] },
    'workflow-mcp': { transport: 'sse', launched: false },
    'docs-mcp': { transport: 'http', launched: true },
  },
  elsewhere: { 'billing-mcp': { transport: 'stdio', launched: false } },
};

const cases = readdirSync(join(ROOT, CASES)).filter((f) => f.endsWith('.journey.yaml')).map((f) => f.replace(/\.journey\.yaml$/, '')).sort();

/** Paths as the CLI shows them: relative to the repository root, whatever the worker's directory. */
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

test('the rules bite only where the trait says so', () => {
  const codes = (name: string, context: ValidationContext) =>
    validateJourneys([join(ROOT, CASES, `${name}.journey.yaml`)], context).diagnostics.map((d) => d.code);
  expect(codes('server-not-launched', CONTEXT)).toEqual(['JOURNEY_SERVER_NOT_LAUNCHED', 'JOURNEY_SERVER_NOT_LAUNCHED', 'JOURNEY_SERVER_NOT_LAUNCHED']);
  expect(codes('server-not-launched-fragment', CONTEXT)).toEqual(['JOURNEY_SERVER_NOT_LAUNCHED']);
  expect(codes('http-stdio', CONTEXT)).toEqual(['JOURNEY_HTTP_STDIO']);
  expect(codes('launched-valid', CONTEXT)).toEqual([]);
  // Launched once the stack definition gives workflow-mcp a command; served over http, codebase-mcp has an address.
  const launched: ValidationContext = { servers: { 'codebase-mcp': { transport: 'http', launched: true }, 'workflow-mcp': { transport: 'sse', launched: true } } };
  for (const name of ['server-not-launched', 'server-not-launched-fragment', 'http-stdio']) expect(codes(name, launched), name).toEqual([]);
  // Unknown traits (a configuration read without them) are not judged.
  const unknown: ValidationContext = { servers: { 'codebase-mcp': {}, 'workflow-mcp': {} } };
  for (const name of ['server-not-launched', 'server-not-launched-fragment', 'http-stdio']) expect(codes(name, unknown), name).toEqual([]);
  // Only other configurations define the servers: the journeys are skipped there, not rejected.
  const elsewhere: ValidationContext = { servers: {}, elsewhere: CONTEXT.servers ?? {} };
  for (const name of ['server-not-launched', 'server-not-launched-fragment', 'http-stdio']) expect(codes(name, elsewhere), name).toEqual([]);
  // The active configuration has the stdio codebase-mcp but not workflow-mcp: the journeys needing both
  // are skipped, so codebase-mcp's http step is not judged either.
  const subset: ValidationContext = { servers: { 'codebase-mcp': { transport: 'stdio', launched: true } }, elsewhere: { 'workflow-mcp': { transport: 'sse', launched: false } } };
  for (const name of ['server-not-launched', 'server-not-launched-fragment', 'http-stdio']) expect(codes(name, subset), name).toEqual([]);
});

test('a journey that breaks a rule does not validate, so it is not run', () => {
  const result = validateJourneys(['server-not-launched', 'http-stdio', 'launched-valid'].map((n) => join(ROOT, CASES, `${n}.journey.yaml`)), CONTEXT);
  expect(result.journeys.map((j) => j.file)).toEqual([`${CASES}/launched-valid.journey.yaml`]);
});
