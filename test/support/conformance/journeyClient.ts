// The client command the conformance suite runs for a client scenario: `journeyClient.ts <server-url>`,
// with the scenario in MCP_CONFORMANCE_SCENARIO. It plays journeys/<scenario>.journey.yaml (auth/x: under
// journeys/auth/) through the runner, against that URL as the server `conformance`, and exits as the run did.
// A scenario behind OAuth has its server's `oauth` block beside its journey (<scenario>.oauth.json), as a
// user's .mcp.json would have it; what the suite hands the client in MCP_CONFORMANCE_CONTEXT (a client id,
// secret or key) reaches it as environment variables, MCP_CONFORMANCE_<KEY>, as CI secrets would.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runJourneys } from '../inline.js';

/** The journey that plays a scenario; a new scenario needs only this file. */
function journeyFile(scenario: string, suffix = '.journey.yaml'): string {
  return fileURLToPath(new URL(`./journeys/${scenario}${suffix}`, import.meta.url));
}

/** The scenario's context, one variable per key: `${MCP_CONFORMANCE_CLIENT_SECRET}` in an oauth block. */
function contextEnv(): Record<string, string> {
  const raw = process.env['MCP_CONFORMANCE_CONTEXT'];
  if (!raw) return {};
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(JSON.parse(raw) as Record<string, unknown>)) {
    if (value !== null && value !== undefined) env[`MCP_CONFORMANCE_${key.toUpperCase()}`] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return env;
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
  const oauthFile = journeyFile(scenario, '.oauth.json');
  const oauth: unknown = existsSync(oauthFile) ? JSON.parse(readFileSync(oauthFile, 'utf8')) : undefined;
  const run = await runJourneys({
    files: { [`conformance/${scenario.replace(/\//g, '-')}.journey.yaml`]: journey },
    mcpConfig: { mcpServers: { conformance: { type: 'http', url, ...(oauth === undefined ? {} : { oauth }) } } },
    env: contextEnv(),
    args: ['--reporter=list'],
  });
  process.stdout.write(run.output);
  return run.exitCode ?? 1;
}

process.exitCode = await main();
