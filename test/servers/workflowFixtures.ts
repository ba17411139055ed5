// Worker-scoped fixtures: one embedded PostgreSQL and one workflow-mcp per Playwright worker, and a client.
import { test as base } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startPostgres } from '../../src/db/embeddedPostgres.js';
import type { RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { connect, startWorkflow } from './workflowSupport.js';
import type { WorkflowProcess } from './workflowSupport.js';

export const test = base.extend<{ client: Client }, { postgres: RunningPostgres; workflow: WorkflowProcess }>({
  postgres: [async ({}, use) => { // eslint-disable-line no-empty-pattern -- Playwright reads the pattern
    const pg = await startPostgres();
    try {
      await use(pg);
    } finally {
      await pg.stop();
    }
  }, { scope: 'worker', timeout: 60_000 }],
  workflow: [async ({ postgres }, use) => {
    const server = await startWorkflow({ databaseUrl: postgres.url() });
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  }, { scope: 'worker', timeout: 60_000 }],
  client: async ({ workflow }, use) => {
    const client = await connect('http', { url: workflow.url });
    try {
      await use(client);
    } finally {
      await client.close();
    }
  },
});

export { expect } from '@playwright/test';
