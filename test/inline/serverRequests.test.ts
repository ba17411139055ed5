// Whole journeys against a server that asks the client things (clientProbe.ts): elicitations answered from
// YAML and shown on the step in Allure, one no rule answers failing its step, roots changed by a roots
// step, sampling refused or answered with a canned reply, and an older release picked by the journey.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { runJourneys, type AllureResult, type AllureStep } from '../support/inline.js';
import { testServerCommand } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

const probe = fileURLToPath(new URL('../support/servers/clientProbe.ts', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../golden/runtime/unanswered-elicitation.txt', import.meta.url));

const head = (n: number, name: string) => `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3d${String(n).padStart(2, '0')}
test_name: ${name}
description: ${name}.
servers_required: [probe]
`;

const ANSWERED = `${head(1, 'Answers from YAML')}vars: { who: Ada }
session:
  roots: ["/srv/one"]
  elicitation:
    - { message: "Your name", answer: accept, content: { name: "\${who}" } }
    - { message: colour, answer: defaults }
test_steps:
  - name: Asked for a name
    call: probe.ask
    args: { message: "Your name?" }
    expect: { result: { "$.action": accept, "$.content.name": Ada } }
  - call: probe.ask
    args: { message: "Favourite colour?", fields: { colour: blue } }
    expect: { result: { "$.action": accept, "$.content.colour": blue } }
  - call: probe.roots
    expect: { result: { "$.roots[0].uri": "file:///srv/one", "$.listChanged": 0 } }
  - name: Another directory
    roots: { add: ["/srv/two"] }
  - call: probe.roots
    expect: { result: { "$.roots[*].uri": { equals: ["file:///srv/one", "file:///srv/two"] }, "$.listChanged": 1 } }
  - name: Sampling is refused as Claude Code refuses it
    call: probe.sample
    args: { prompt: hi }
    expect: { error: "-32601" }
`;

const UNANSWERED = `${head(2, 'An elicitation no rule answers')}session:
  elicitation: [{ message: { matches: "^Confirm" }, answer: decline }]
test_steps:
  - call: probe.whoami
    expect: { result: { "$.clientInfo.name": claude-code } }
  - name: Asked for a name
    call: probe.ask
    args: { message: "Your name?" }
    expect: { outcome: tool_error }
`;

const OLDER = `${head(3, 'An older release with a canned sampling reply')}session:
  client: { release: "2.0.0" }
  sampling: [{ prompt: weather, reply: sunny }]
test_steps:
  - call: probe.whoami
    expect:
      result:
        "$.protocolVersion": "2025-06-18"
        "$.clientInfo.version": "2.0.0+mcp-journeys"
        "$.capabilities.sampling": { exists: true }
        "$.capabilities.elicitation": { exists: false }
  - call: probe.sample
    args: { prompt: "the weather?" }
    expect: { result: { "$.content.text": sunny, "$.model": mcp-journeys-canned } }
  - name: No elicitation before 2.1.76
    call: probe.ask
    expect: { error: "-32601" }
`;

function allSteps(result: AllureResult | undefined): AllureStep[] {
  const out: AllureStep[] = [];
  const walk = (list: AllureStep[]) => { for (const s of list) { out.push(s); walk(s.steps); } };
  walk(result?.steps ?? []);
  return out;
}

test('elicitation, roots and sampling as a journey scripts them, each shown on its step', async () => {
  const attachments: Record<string, string> = {};
  const run = await runJourneys({
    files: { 'client/answered.journey.yaml': ANSWERED, 'client/unanswered.journey.yaml': UNANSWERED, 'client/older.journey.yaml': OLDER },
    mcpConfig: { mcpServers: { probe: { type: 'stdio', ...testServerCommand('probe', probe) } } },
    afterRun: (dir) => {
      const results = join(dir, 'allure-results');
      const step = passingSteps(results).find((s) => s.name === 'Asked for a name');
      for (const a of step?.attachments ?? []) attachments[a.name] = readFileSync(join(results, a.source), 'utf8');
      return Promise.resolve();
    },
  });
  const byName = (name: string) => run.allureResults.find((r) => r.name === name);
  expect(byName('Answers from YAML')?.status, run.output).toBe('passed');
  expect(byName('An older release with a canned sampling reply')?.status, run.output).toBe('passed');
  const failed = byName('An elicitation no rule answers');
  expect(failed?.status).toBe('failed');
  const message = (failed?.statusDetails?.message ?? '').split('\n')[0] ?? '';
  if (process.env['UPDATE_GOLDEN']) {
    mkdirSync(dirname(GOLDEN), { recursive: true });
    writeFileSync(GOLDEN, `${message}\n`);
  }
  expect(`${message}\n`).toBe(readFileSync(GOLDEN, 'utf8'));

  const answered = allSteps(byName('Answers from YAML'));
  const asked = answered.find((s) => s.name === 'Asked for a name');
  expect(asked?.parameters?.find((p) => p.name === 'server_requests')?.value).toBe('elicitation/create from probe (answered by session.elicitation[0])');
  expect(Object.keys(attachments)).toEqual(['request', 'elicitation/create 1', 'response']);
  expect(JSON.parse(attachments['elicitation/create 1'] ?? '{}')).toMatchObject({
    server: 'probe', method: 'elicitation/create', params: { message: 'Your name?' },
    answer: { action: 'accept', content: { name: 'Ada' } }, answered_by: 'session.elicitation[0]',
  });
  const roots = answered.find((s) => s.name === 'Another directory');
  expect(roots?.parameters?.find((p) => p.name === 'roots')?.value).toBe('file:///srv/one, file:///srv/two');
  expect(roots?.parameters?.find((p) => p.name === 'notified')?.value).toBe('probe');
  const unanswered = allSteps(failed).find((s) => s.name === 'Asked for a name');
  expect(unanswered?.parameters?.find((p) => p.name === 'server_requests')?.value).toBe('elicitation/create from probe (unanswered)');
});

/** The steps of the passing journey, read from the results before the run's folder goes. */
function passingSteps(results: string): AllureStep[] {
  const files = existsSync(results) ? readdirSync(results).filter((f) => f.endsWith('-result.json')) : [];
  const found = files.map((f) => JSON.parse(readFileSync(join(results, f), 'utf8')) as AllureResult).find((r) => r.name === 'Answers from YAML');
  return allSteps(found);
}
