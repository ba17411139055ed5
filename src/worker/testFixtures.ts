// Playwright fixtures for journeys. Worker scope: the stack of the active server config (its launched
// servers, links and databases), the server config as clients reach it, and the SQL pools. Test scope: the journey runner, whose
// session is closed and teardown finished after the test, however it ended.
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { messageOf } from '../common/messageOf.js';
import { createSqlClient } from '../db/query.js';
import type { SqlClient } from '../db/query.js';
import { resolveMcpConfigPath } from '../mcp/index.js';
import type { McpConfig } from '../mcp/index.js';
import type { RunningStack } from '../servers/types.js';
import { JourneyRunner } from './journeyRunner.js';
import { allureResultsDir, fixturesDir, runRecordsDir } from '../common/paths.js';
import type { JourneyWorkerOptions } from '../common/paths.js';
import { reapOrphanedDirs } from '../process/ownedDirs.js';
import { reapOrphanedPostgres } from '../process/postgresRecords.js';
import { openJourneySession } from './journeySession.js';
import { maskText } from '../report/mask.js';
import { addConfigSecrets, addSecretsIn } from '../report/secrets.js';
import type { JourneyPlan } from '../compile/plan.js';
import { maskSourcesInto } from './maskedSource.js';
import { stackControl, startStackFor } from './stackControl.js';
import { reachFor } from './reach.js';

export interface JourneyWorkerFixtures extends JourneyWorkerOptions {
  journeyStack: RunningStack;
  journeyMcpConfig: McpConfig;
  journeySql: SqlClient;
}

export interface JourneyTestFixtures {
  journey: JourneyRunner;
}

/** The origin of an http/sse server's MCP URL: where its /health and /metrics live. */
function serverBaseUrl(config: McpConfig, server: string): string | undefined {
  const url = config.servers[server]?.url;
  return url === undefined ? undefined : new URL(url).origin;
}

/** `MCP_JOURNEYS_DATABASES`: JSON `{ "name": "postgres://…" }`, for `sql` steps against real servers. */
function databasesFromEnv(): Record<string, string> {
  const raw = process.env['MCP_JOURNEYS_DATABASES'];
  return raw ? (JSON.parse(raw) as Record<string, string>) : {};
}

/** Literal values under secret-looking names in every journey of the run (a `password:` argument, a
 * `token` var), masked by this worker from the start whichever journey it plays: a server may echo one
 * journey's secret to another. What templates render to is learnt as they render (variables.ts,
 * journeyReport.ts). */
export function learnJourneySecrets(plans: readonly JourneyPlan[]): void {
  addSecretsIn(plans);
}

export const test = base.extend<JourneyTestFixtures, JourneyWorkerFixtures>({
  // Set by defineJourneysConfig for every project; the defaults are what it would set.
  journeyAllureResultsDir: [allureResultsDir(), { scope: 'worker', option: true }],
  journeyRunRecordsDir: [runRecordsDir(), { scope: 'worker', option: true }],
  journeyMcpConfigPath: [resolveMcpConfigPath(), { scope: 'worker', option: true }],

  // The one fixture a report shows (as what it does: the first journey of a worker waits for it); the
  // others are the runner's own and boxed away.
  journeyStack: [async ({ journeyMcpConfigPath }, use) => {
    // What killed workers of this or an earlier run left: clusters first (stopped gracefully), then folders.
    await reapOrphanedPostgres();
    await reapOrphanedDirs();
    const stack = await startStackFor(journeyMcpConfigPath);
    try {
      await use(stack);
    } finally {
      await stack.stop();
    }
  }, { scope: 'worker', timeout: 180_000, title: 'start the servers' }],

  journeyMcpConfig: [async ({ journeyStack }, use) => {
    // Header and env values of the servers as launched are secrets for every journey of this worker.
    addConfigSecrets(journeyStack.mcpConfig);
    await use(journeyStack.mcpConfig);
  }, { scope: 'worker', box: true }],

  journeySql: [async ({ journeyStack }, use) => {
    const client = createSqlClient({ ...journeyStack.databases, ...databasesFromEnv() });
    try {
      await use(client);
    } finally {
      await client.close();
    }
  }, { scope: 'worker', box: true }],

  journey: [async ({ journeyStack, journeyMcpConfig, journeySql, journeyAllureResultsDir, journeyRunRecordsDir }, use, testInfo) => {
    // Playwright's test time counts from about here: the journey's own timeout fires just before it.
    const startedAt = performance.now();
    // Whatever an earlier journey on this worker left (a fault, a stopped server) is undone first.
    maskSourcesInto(join(testInfo.project.outputDir, 'masked-sources'));
    const stack = stackControl(journeyStack);
    await stack?.reset();
    const runner = new JourneyRunner({
      stack,
      testInfo,
      sql: journeySql,
      serverPids: () => Object.fromEntries(Object.values(journeyStack.servers).filter((s) => !s.perConnection).map((s) => [s.name, s.pid])),
      openSession: (servers, options, faulted) => openJourneySession(reachFor(journeyMcpConfig, faulted), servers, options),
      sessionConfig: (faulted) => reachFor(journeyMcpConfig, faulted),
      builtins: { fixturesDir: fixturesDir(), env: process.env },
      baseUrl: (server) => serverBaseUrl(journeyMcpConfig, server),
      outputs: { allureResultsDir: journeyAllureResultsDir, runRecordsDir: journeyRunRecordsDir },
      startedAt,
    });
    try {
      await use(runner);
    } finally {
      await runner.finish();
      await stack?.reset().catch((e: unknown) => {
        testInfo.annotations.push({ type: 'teardown failure', description: `restoring the stack: ${messageOf(e)}` });
      });
      // Warnings and teardown failures quote what servers said; they reach the console and Allure from here.
      for (const a of testInfo.annotations) if (a.description !== undefined) a.description = maskText(a.description);
    }
  }, { box: true }],
});
