// Validation before any test starts, in the runner process: any error stops the run with the full list
// of diagnostics (as the CLI prints them) and no stack trace.
import { messageOf } from '../common/messageOf.js';
import { loadMcpConfig, resolveMcpConfigPath } from '../mcp/index.js';
import { maskText } from '../report/mask.js';
import { addConfigSecrets, addSecretsIn } from '../report/secrets.js';
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
  if (collected.diagnostics.length > 0) {
    // Code frames quote the journeys: a literal `password:` beside a problem would be printed as written.
    addSecretsIn(collected.documents);
    try {
      addConfigSecrets(loadMcpConfig(resolveMcpConfigPath()));
    } catch {
      // A configuration that cannot be read is one of the diagnostics; it has no secrets to give.
    }
    process.stderr.write(maskText(collected.report));
  }
  if (collected.diagnostics.some((d) => d.severity === 'error')) process.exit(1);
  // stderr, like the diagnostics: stdout may be a reporter's (--reporter=json).
  process.stderr.write(skippedSummary(collected));
  process.env[DONE] = '1';
}
