// A configuration that holds only some of the project's servers (e.g. the real codebase-mcp alone): the
// journeys it can serve run, the others are skipped with the missing server named, and a name that no
// configuration of the project knows is still a validation error.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { defaultMcpConfig, repoRoot, runJourneys } from '../support/inline.js';

test.describe.configure({ timeout: 300_000 });

const journey = (n: number, name: string, servers: string, server: string, ok = 'echo', bad = 'fail') => `test_id: 6a1f0c2e-4b7d-4e19-8c3a-2d5e9f1b7c${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [${servers}]
test_steps:
  - call: ${server}.${ok}
    args: { text: hi }
    expect: { result: { $: { exists: true } } }
  - call: ${server}.${bad}
    args: { message: no }
    expect: { error: { matches: no } }
`;

// The test server stands in for the one server the configuration defines.
const onlyCodebase = defaultMcpConfig('codebase-mcp');

test('journeys needing a server the configuration lacks are skipped, naming it; the rest run', async () => {
  const run = await runJourneys({
    mcpConfig: onlyCodebase,
    files: {
      'solo/echo.journey.yaml': journey(1, 'Echo on codebase-mcp alone', 'codebase-mcp', 'codebase-mcp'),
      'cross/both.journey.yaml': journey(2, 'Needs both servers', 'codebase-mcp, workflow-mcp', 'workflow-mcp', 'health_check', 'create_work_item'),
    },
  });
  expect(run.output).toContain('mcp-journeys: 1 of 2 journeys skipped:');
  expect(run.output).toMatch(/cross\/both\.journey\.yaml: Needs both servers \(needs workflow-mcp, which the MCP configuration mcp\.json does not define\)/);
  expect(run.output).toMatch(/1 skipped\n\s+1 passed/);
  expect(run.exitCode).toBe(0);
  const skipped = run.allureResults.find((r) => r.name === 'Needs both servers');
  expect(skipped?.status).toBe('skipped');
  expect(skipped?.statusDetails?.message).toContain('needs workflow-mcp, which the MCP configuration mcp.json does not define');
  expect(run.allureResults.find((r) => r.name === 'Echo on codebase-mcp alone')?.status).toBe('passed');
});

test('--list names the skipped journeys too', async () => {
  const run = await runJourneys({
    mcpConfig: onlyCodebase,
    args: ['--list'],
    files: { 'cross/both.journey.yaml': journey(3, 'Needs both servers', 'codebase-mcp, workflow-mcp', 'workflow-mcp', 'health_check', 'create_work_item') },
  });
  expect(run.exitCode).toBe(0);
  expect(run.output).toContain('needs workflow-mcp, which the MCP configuration mcp.json does not define');
  // A skipped journey is still located at its YAML line, not in the runner's code.
  expect(run.output).toMatch(/cross\/both\.journey\.yaml:\d+:1 › cross › Needs both servers/);
});

test('a server no configuration of the project knows is still a validation error with did-you-mean', async () => {
  const run = await runJourneys({
    mcpConfig: onlyCodebase,
    files: { 'cross/typo.journey.yaml': journey(4, 'A typo', 'codebase-mcp, wrkflow-mcp', 'wrkflow-mcp') },
  });
  expect(run.exitCode).toBe(1);
  expect(run.output).toContain('JOURNEY_UNKNOWN_SERVER unknown server "wrkflow-mcp"');
  expect(run.output).toContain('did you mean "workflow-mcp"?');
  expect(run.allureResults).toEqual([]);
});

test('mcp-journeys list marks the journeys a subset configuration skips', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-subset-'));
  try {
    const config = join(dir, 'mcp.json');
    writeFileSync(config, JSON.stringify(onlyCodebase));
    const list = (format: string) => new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['bin/mcp-journeys.js', 'list', 'journeys/cross-server', '--mcp-config', config, '--format', format], { cwd: repoRoot },
        (error, stdout) => (error ? reject(new Error(error.message)) : resolve(stdout)));
    });
    expect(await list('text')).toMatch(/search-to-work-item\.journey\.yaml:\d+ .* \[skipped: needs workflow-mcp\]\n/);
    const listed = JSON.parse(await list('json')) as { missing_servers: string[] }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((j) => j.missing_servers.join() === 'workflow-mcp')).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
