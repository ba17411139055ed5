// Validation before any test starts, in the runner process: any error stops the run with the full list
// of diagnostics (as the CLI prints them) and no stack trace.
import { messageOf } from '../common/messageOf.js';
import { resolveMcpConfigPath } from '../mcp/index.js';
import { collectJourneys, skippedSummary } from '../suite/collect.js';

const DONE = 'MCP_JOURNEYS_VALIDATED';

export function validateOnce(dir: string): void {
  if (process.env[DONE] === '1') return;
  let collected;
  try {
    collected = collectJourneys(dir, resolveMcpConfigPath());
  } catch (e) {
    process.stderr.write(`mcp-journeys: ${messageOf(e)}\n`);
    process.exit(1);
  }
  if (collected.diagnostics.length > 0) process.stderr.write(collected.report);
  if (collected.diagnostics.some((d) => d.severity === 'error')) process.exit(1);
  // stderr, like the diagnostics: stdout may be a reporter's (--reporter=json).
  process.stderr.write(skippedSummary(collected));
  process.env[DONE] = '1';
}
