// The default server config starts the embedded stack (PostgreSQL and both reference servers) per
// worker; `sql` steps reach its databases by connection name.
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot, runJourneys } from '../support/inline.js';

test.describe.configure({ timeout: 600_000 });

const journey = `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3c01
test_name: A work item lands in its project database
description: Create a project and a work item over MCP, then find the row with sql.
servers_required: [workflow-mcp]
setup_steps:
  - call: workflow-mcp.create_project
    args: { name: "inline-\${run.id}" }
    save: { project_id: $.id, database: $.database_name }
  - call: workflow-mcp.switch_project
    args: { project_id: "\${project_id}" }
test_steps:
  - call: workflow-mcp.create_work_item
    args: { item_type: task, title: Row check }
    save: { item_id: $.id }
  - name: The row is there
    sql:
      connection: workflow-mcp
      database: "\${database}"
      query: "select title, item_type from work_items where id = $1"
      params: ["\${item_id}"]
    expect:
      result:
        $.rowCount: 1
        $.rows[0].title: Row check
    save: { row: "$.rows[0]" }
  - name: A missing table is a database error
    sql: { connection: workflow-mcp, database: "\${database}", query: "select * from no_such_table" }
    expect: { error: { contains: "42P01" } }
  - call: workflow-mcp.create_work_item
    args: { item_type: task, title: "" }
    expect: { error: title cannot be empty }
assertions:
  - that: "\${row.item_type}"
    equals: task
`;

test('the embedded stack serves a journey, and sql steps see its databases', async () => {
  const run = await runJourneys({
    files: { 'stack/rows.journey.yaml': journey },
    mcpConfigPath: join(repoRoot, 'fixtures', 'mcp.json'),
    args: ['--workers=1'],
    timeoutMs: 540_000,
  });
  expect(run.output).toContain('1 passed');
  expect(run.exitCode).toBe(0);
});
