// The client command the conformance suite runs for a client scenario: `journeyClient.ts <server-url>`,
// with the scenario in MCP_CONFORMANCE_SCENARIO. It plays journeys/<scenario>.journey.yaml (auth/x: under
// journeys/auth/) through the runner, against that URL as the server `conformance`, and exits as the run did.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runJourneys } from '../inline.js';

/** The journey that plays a scenario; a new scenario needs only this file. */
function journeyFile(scenario: string): string {
  return fileURLToPath(new URL(`./journeys/${scenario}.journey.yaml`, import.meta.url));
}

async function main(): Promise<number> {
  const scenario = process.env['MCP_CONFORMANCE_SCENARIO'] ?? '';
  const url = process.argv.at(-1) ?? '';
  const file = journeyFile(scenario);
  if (!/^[\w/-]+$/.test(scenario) || !existsSync(file)) {
    process.stderr.write(`no journey plays the conformance scenario '${scenario}': write ${file}\n`);
    return 2;
  }
  // The leading comments (the schema line is the repository's) go: the run writes the schema line for
  // where the journey is copied to.
  const journey = readFileSync(file, 'utf8').replace(/^(#.*\n)+/, '');
  const run = await runJourneys({
    files: { [`conformance/${scenario.replace(/\//g, '-')}.journey.yaml`]: journey },
    mcpConfig: { mcpServers: { conformance: { type: 'http', url } } },
    args: ['--reporter=list'],
  });
  process.stdout.write(run.output);
  return run.exitCode ?? 1;
}

process.exitCode = await main();
