// `mcp-journeys validate [files or dirs…] [--format text|json] [--mcp-config <file>]`
// Exit 0: valid (warnings allowed); 1: errors found; 2: usage or configuration problem.
import { parseArgs } from 'node:util';
import type { Diagnostic } from '../common/diagnostic.js';
import { formatDiagnostics } from '../common/formatDiagnostic.js';
import { liveReport, liveServerNames } from '../validate/live.js';
import type { SentOnPurpose } from '../validate/live.js';
import { validateJourneys } from '../validate/validateJourneys.js';
import type { ValidationContext, ValidationResult } from '../validate/types.js';
import { commandArgs } from './commandArgs.js';
import { existingJourneyFiles, outputFormat } from './journeyFiles.js';
import { liveServers } from './liveServers.js';
import { oneLine } from './main.js';
import { serverContext } from './serverContext.js';
import { commandSettings, shown } from './settings.js';

const USAGE = `Usage: mcp-journeys validate [files or dirs…] [--format text|json] [--mcp-config <file>] [--config <file>] [--live]

Checks journeys without running them: YAML, the schema, variables, servers and tools, includes, the
Integration Test Case rules and test_id uniqueness. Directories are searched for *.journey.yaml
(default: the journeys directory, skipping _shared/). Servers and tools are checked against the MCP
configuration. Each setting is the flag, else the environment (MCP_JOURNEYS_DIR,
MCP_JOURNEYS_MCP_CONFIG), else the Playwright config (--config, else playwright.config.* here), else
the default (journeys/; .mcp.json here, else the embedded stack's).

--live also connects to the servers (starting the embedded stack for the default configuration) and
checks every call step against what they report: the tool exists in tools/list, and the arguments
satisfy its inputSchema (values that are \${templates} are checked at run time instead). A step that
expects the server to refuse it (expect: error, protocol_error, or outcome tool_error/protocol_error)
sends such arguments on purpose: they are listed as notes ("sent_on_purpose": true in --format json),
not as errors.

Exit codes: 0 valid, 1 problems found, 2 usage error.
`;

/** Checks that need live servers plug in here (e.g. --live), after the static checks. */
export type ExtraCheck = (result: ValidationResult, context: ValidationContext) => Promise<Diagnostic[]>;

export async function run(args: string[], extra: ExtraCheck[] = []): Promise<number> {
  const parsed = commandArgs(USAGE, () => parse(args));
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = outputFormat(values.format);
  if (!format) return 2;
  const settings = await commandSettings({ mcpConfig: values['mcp-config'] }, values.config);
  if (typeof settings === 'number') return settings;
  let context: ValidationContext;
  try {
    context = serverContext(settings.mcpConfig.value);
  } catch (error) {
    process.stderr.write(`${oneLine(error)}\n`);
    return 2;
  }
  const found = existingJourneyFiles(positionals, shown(settings.journeysDir.value));
  if (!found) return 2;
  const result = validateJourneys(found.files, context, found.diagnostics);
  const sentOnPurpose: SentOnPurpose[] = [];
  const checks = values.live ? [...extra, liveCheck(settings.mcpConfig.value, sentOnPurpose)] : extra;
  for (const check of checks) result.diagnostics.push(...(await check(result, context)));
  inFileOrder(result.diagnostics);
  if (format === 'json') process.stdout.write(`${JSON.stringify(inFileOrder([...result.diagnostics, ...sentOnPurpose]), null, 2)}\n`);
  else process.stdout.write(formatDiagnostics(result.diagnostics, (file) => result.sources.get(file), result.checked) + formatSentOnPurpose(inFileOrder(sentOnPurpose)));
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** A file's live diagnostics among its static ones, by line; files stay in the order they first appear. */
function inFileOrder<T extends Pick<Diagnostic, 'file' | 'start'>>(diagnostics: T[]): T[] {
  const rank = new Map<string, number>();
  for (const d of diagnostics) if (!rank.has(d.file)) rank.set(d.file, rank.size);
  return diagnostics.sort((a, b) => (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) || a.start.line - b.start.line || a.start.column - b.start.column);
}

/** After the summary: what --live did not flag because the step expects the refusal. */
function formatSentOnPurpose(notes: readonly SentOnPurpose[]): string {
  if (notes.length === 0) return '';
  const lines = notes.map((n) => `  ${n.file}:${n.start.line}:${n.start.column} ${n.message} (the step expects ${n.expects})`);
  const what = notes.length === 1 ? '1 argument the inputSchema refuses, in a step that expects' : `${notes.length} arguments the inputSchema refuses, in steps that expect`;
  return `\nnote: sent on purpose, not flagged: ${what} the server to refuse the call\n${lines.join('\n')}\n`;
}

/** The servers' own tool lists against the journeys that validated. */
function liveCheck(mcpConfig: string, sentOnPurpose: SentOnPurpose[]): ExtraCheck {
  return async (result, context) => {
    // Servers only another configuration defines are not there to ask: their journeys are skipped when run.
    const servers = liveServerNames(result, context.servers && Object.keys(context.servers));
    const live = servers.length === 0 ? { tools: {}, unreachable: {} } : await liveServers(mcpConfig, servers, (line) => process.stderr.write(`${line}\n`));
    const report = liveReport(result, live, shown(mcpConfig));
    sentOnPurpose.push(...report.sentOnPurpose);
    return report.diagnostics;
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' }, 'mcp-config': { type: 'string' }, config: { type: 'string', short: 'c' }, live: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
