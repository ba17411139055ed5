// The example journey `init` writes when a project has no .mcp.json runs as it is against the server its
// example .mcp.json names: the MCP reference server "everything" (the copy we develop with, launched by
// node rather than npx, so no download). Its steps pass: the tools list, and the prompt it does not have
// refused as a protocol error. The examples for our own test servers run in test/inline/package.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { exampleJourneys } from '../../src/cli/initJourneys.js';
import { repoRoot, runJourneys } from '../support/inline.js';

test('init\'s example journey passes against the reference server "everything"', async () => {
  test.setTimeout(180_000);
  const example = JSON.parse(readFileSync(join(repoRoot, 'fixtures/init/mcp.json'), 'utf8')) as { mcpServers: Record<string, { args: string[] }> };
  const [name] = Object.keys(example.mcpServers);
  expect(name).toBe('everything');
  expect(example.mcpServers['everything']?.args).toContain('@modelcontextprotocol/server-everything');
  const [journey] = exampleJourneys([{ name: 'everything', type: 'stdio' }], repoRoot, join(repoRoot, 'journeys'), join(repoRoot, '.mcp.json'));
  if (!journey) throw new Error('no example journey');
  const server = join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
  const run = await runJourneys({
    files: { 'examples/everything.journey.yaml': journey.text },
    mcpConfig: { mcpServers: { everything: { type: 'stdio', command: process.execPath, args: [server, 'stdio'] } } },
    args: ['--retries=0'],
  });
  expect(run.exitCode, run.output).toBe(0);
  expect(run.output).toContain('1 passed');
  const [result] = run.allureResults;
  expect(result?.steps.flatMap((s) => [s.name, ...s.steps.map((t) => `${t.name}: ${t.status}`)])).toEqual(expect.arrayContaining([
    'List the tools: passed', 'A prompt it does not have is refused: passed',
  ]));
});
