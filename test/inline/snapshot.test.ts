// `expect.snapshot` in whole runs: a missing snapshot is written and fails the test (Playwright's default),
// a stored one passes while only UUIDs, timestamps and latencies changed, a changed field fails with the
// changed path and the line diff (terminal and Allure), and `--update-snapshots` rewrites it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runJourneys, type AllureStep, type InlineRun } from '../support/inline.js';
import { driftServerPath, testServerCommand } from '../support/servers/spawn.js';

test.describe.configure({ timeout: 300_000 });

const journey = `test_id: 3c5e7a90-1b2d-4e6f-8a0c-5e7a9c1b3d01
test_name: The status snapshot
description: The status answer, compared with its snapshots.
servers_required: [drift]
test_steps:
  - name: Status
    call: drift.status
    expect: { snapshot: status }
  - name: Status, name left out, titles masked
    call: drift.status
    expect:
      snapshot: { name: status-masked, ignore: [$.name], mask: { "$.items[*].title": "<title>" } }
  - name: A title is needed
    call: drift.create_item
    args: { title: "" }
    expect: { error: title cannot be empty }
`;

const FILE = 'snap/status.journey.yaml';
const SNAPSHOT = `${FILE}-snapshots/status.json`;
const MASKED = `${FILE}-snapshots/status-masked.json`;

function config(version: string): unknown {
  const { command, args } = testServerCommand('drift', driftServerPath);
  return { mcpServers: { drift: { type: 'stdio', command, args: [...args, '--version', version], tools: ['status', 'create_item'] } } };
}

interface Played {
  run: InlineRun;
  /** The snapshot files after the run (undefined: not there). */
  stored: Record<string, string | undefined>;
}

async function play(version: string, stored: Record<string, string>, args: string[] = []): Promise<Played> {
  const after: Record<string, string | undefined> = {};
  const run = await runJourneys({
    files: { [FILE]: journey, ...stored },
    mcpConfig: config(version),
    args,
    afterRun: (dir) => {
      for (const f of [SNAPSHOT, MASKED]) {
        const path = join(dir, 'journeys', f);
        after[f] = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      }
      return Promise.resolve();
    },
  });
  return { run, stored: after };
}

function find(steps: AllureStep[], name: string): AllureStep | undefined {
  for (const s of steps) {
    if (s.name === name) return s;
    const inner = find(s.steps, name);
    if (inner) return inner;
  }
  return undefined;
}

test('snapshots are written, compared with volatile values masked, and updated', async () => {
  const first = await play('1', {});
  expect(first.run.output, 'a missing snapshot fails the run').toContain(`A snapshot doesn't exist at`);
  expect(first.run.exitCode).toBe(1);
  const status = first.stored[SNAPSHOT] ?? '';
  const masked = first.stored[MASKED] ?? '';
  expect(JSON.parse(status)).toEqual({
    checked_at: '<timestamp>', id: '<uuid>', items: [{ id: '<uuid>', title: 'first' }], latency_ms: '<duration>', name: 'drift', version: '1',
  });
  expect(JSON.parse(masked)).toEqual({
    checked_at: '<timestamp>', id: '<uuid>', items: [{ id: '<uuid>', title: '<title>' }], latency_ms: '<duration>', version: '1',
  });
  const snapshots = { [SNAPSHOT]: status, [MASKED]: masked };

  const again = await play('1', snapshots);
  expect(again.run.exitCode, `new UUIDs, times and latencies change nothing:\n${again.run.output}`).toBe(0);

  const changed = await play('2', snapshots);
  expect(changed.run.exitCode).toBe(1);
  expect(changed.run.output).toContain('Snapshot "status" does not match journeys/snap/status.journey.yaml-snapshots/status.json');
  expect(changed.run.output).toContain('$.version: "1" → "2"');
  expect(changed.run.output).toMatch(/^\s*-\s+"version": "1"$/m);
  expect(changed.run.output).toMatch(/^\s*\+\s+"version": "2"$/m);
  expect(changed.run.output).toContain('npx playwright test --update-snapshots');
  const result = changed.run.allureResults[0];
  const step = find(result?.steps ?? [], 'Status');
  expect(step?.status).toBe('failed');
  const diff = (step?.attachments ?? []).find((a) => a.name === 'snapshot diff');
  expect(changed.run.allureFiles[diff?.source ?? ''] ?? '').toContain('$.version: "1" → "2"');

  const updated = await play('2', snapshots, ['--update-snapshots']);
  expect(updated.run.exitCode, updated.run.output).toBe(0);
  expect(JSON.parse(updated.stored[SNAPSHOT] ?? '{}')).toMatchObject({ version: '2', id: '<uuid>' });
  expect(JSON.parse(updated.stored[MASKED] ?? '{}')).toMatchObject({ version: '2' });
});
