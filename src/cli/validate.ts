// `mcp-journeys validate [files or dirs…] [--format text|json] [--mcp-config <file>]`
// Exit 0: valid (warnings allowed); 1: errors found; 2: usage or configuration problem.
import { parseArgs } from 'node:util';
import type { Diagnostic } from '../common/diagnostic.js';
import { formatDiagnostics } from '../common/formatDiagnostic.js';
import { validateJourneys } from '../validate/validateJourneys.js';
import type { ValidationContext, ValidationResult } from '../validate/types.js';
import { findJourneyFiles } from './journeyFiles.js';
import { oneLine } from './main.js';
import { serverContext } from './serverContext.js';

const USAGE = `Usage: mcp-journeys validate [files or dirs…] [--format text|json] [--mcp-config <file>]

Checks journeys without running them: YAML, the schema, variables, servers and tools, includes, the
Integration Test Case rules and test_id uniqueness. Directories are searched for *.journey.yaml
(default: journeys/, skipping _shared/). Servers and tools are checked against the MCP configuration
(--mcp-config, else MCP_JOURNEYS_MCP_CONFIG, else fixtures/mcp.json).

Exit codes: 0 valid, 1 problems found, 2 usage error.
`;

/** Checks that need live servers plug in here (e.g. --live), after the static checks. */
export type ExtraCheck = (result: ValidationResult, context: ValidationContext) => Promise<Diagnostic[]>;

export async function run(args: string[], extra: ExtraCheck[] = []): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    process.stderr.write(`${oneLine(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    process.stderr.write(`--format must be text or json, got ${format}\n`);
    return 2;
  }
  let context: ValidationContext;
  try {
    context = serverContext(values['mcp-config']);
  } catch (error) {
    process.stderr.write(`${oneLine(error)}\n`);
    return 2;
  }
  const found = findJourneyFiles(positionals);
  if (found.missing.length > 0) {
    process.stderr.write(`no such file or directory: ${found.missing.join(', ')}\n`);
    return 2;
  }
  const result = validateJourneys(found.files, context);
  for (const check of extra) result.diagnostics.push(...(await check(result, context)));
  if (format === 'json') process.stdout.write(`${JSON.stringify(result.diagnostics, null, 2)}\n`);
  else process.stdout.write(formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked));
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string' }, 'mcp-config': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}
