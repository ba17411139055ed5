// What benchmark and load runs need from the test around them: who they are (test id and name), where
// result files go, how to attach to the report, and which server processes to watch.
import type { TestInfo } from '@playwright/test';
import { isAbsolute, resolve } from 'node:path';
import type { JourneyPlan } from '../../compile/plan.js';

export const RESULTS_DIR_ENV = 'MCP_JOURNEYS_RESULTS_DIR';

export interface PerfHost {
  testId: string;
  testName: string;
  /** Folder for result files: MCP_JOURNEYS_RESULTS_DIR, else the test's own output folder under test-results/. */
  resultsDir: string;
  attach(name: string, body: string, contentType: string): Promise<void>;
  /** Managed server processes by server name (empty when the servers are not ours to watch). */
  serverPids(): Record<string, number | undefined>;
  /** Playwright's --shard of this run (current is 1-based), if any: a load runs its segment (segment.ts). */
  shard?: { current: number; total: number } | null;
}

export function createPerfHost(plan: JourneyPlan, testInfo: TestInfo, serverPids: () => Record<string, number | undefined> = () => ({}), env = process.env): PerfHost {
  const configured = env[RESULTS_DIR_ENV]?.trim();
  // The test's output folder is emptied by Playwright at the start of each run, so an old run's results
  // are never merged with this one's.
  const resultsDir = configured ? (isAbsolute(configured) ? configured : resolve(configured)) : testInfo.outputDir;
  return {
    testId: plan.testId,
    testName: plan.title,
    resultsDir,
    attach: async (name, body, contentType) => { await testInfo.attach(name, { body, contentType }); },
    serverPids,
    shard: testInfo.config.shard,
  };
}
