import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildRunRecord, readRunRecord, readRunRecords, recordPath, writeRunRecord } from '../../src/report/runRecord.js';
import type { RunRecordInput, StepRecordLike } from '../../src/report/runRecord.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;
const schemaPath = fileURLToPath(new URL('../../schemas/run-record.schema.json', import.meta.url));
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }), ['uuid', 'date-time']);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

function valid(value: unknown): string {
  return validate(value) ? 'valid' : ajv.errorsText(validate.errors);
}

const testId = '6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21';
const steps: StepRecordLike[] = [
  { phase: 'setup', title: 'call workflow-mcp.create_project', kind: 'call', server: 'workflow-mcp', tool: 'create_project', outcome: 'ok', latencyMs: 12.3456, status: 'passed' },
  { phase: 'test', title: 'Search', kind: 'call', server: 'codebase-mcp', tool: 'search_code', outcome: 'ok', latencyMs: 640.2, budgetMs: 500, status: 'failed', category: 'latency', error: 'Latency budget exceeded: Search took 640 ms, budget 500 ms' },
  { phase: 'teardown', title: 'sql workflow: delete', kind: 'sql', server: 'workflow', outcome: 'ok', latencyMs: 3, status: 'passed' },
];
const failed: RunRecordInput = {
  testId, testName: 'Search, then file', file: 'smoke/search.journey.yaml', project: 'smoke', status: 'failed',
  startedAt: new Date('2026-11-21T02:13:27.000Z'), durationMs: 1834.6, retry: 0, steps,
  error: { message: 'LatencyBudgetError: Latency budget exceeded: Search took 640 ms, budget 500 ms\n  Expected: <= 500 ms' },
};

test('a failed run: status, timestamp, per-step latencies and the failure, valid against the schema', () => {
  const record = buildRunRecord(failed);
  expect(valid(record)).toBe('valid');
  expect(record).toMatchObject({
    test_id: testId, test_name: 'Search, then file', file: 'smoke/search.journey.yaml', project: 'smoke',
    last_run_status: 'failed', last_run_timestamp: '2026-11-21T02:13:27.000Z', duration_ms: 1835, retry: 0,
    failure: { category: 'latency', message: 'LatencyBudgetError: Latency budget exceeded: Search took 640 ms, budget 500 ms', step: 'Search' },
  });
  expect(record.steps.map((s) => [s.phase, s.latency_ms, s.budget_ms, s.status])).toEqual([
    ['setup', 12.346, undefined, 'passed'], ['test', 640.2, 500, 'failed'], ['teardown', 3, undefined, 'passed'],
  ]);
});

test('passed, timed out, skipped; a failure without a failed step is classified from its message', () => {
  const passed = buildRunRecord({ ...failed, status: 'passed', steps: [steps[0] as StepRecordLike], error: undefined });
  expect(valid(passed)).toBe('valid');
  expect(passed.failure).toBeUndefined();
  const timedOut = buildRunRecord({ ...failed, status: 'timedOut', steps: [], error: { message: 'Test timeout of 4000ms exceeded.' } });
  expect(valid(timedOut)).toBe('valid');
  expect(timedOut.failure).toEqual({ category: 'timeout', message: 'Test timeout of 4000ms exceeded.' });
  expect(buildRunRecord({ ...failed, status: 'interrupted', steps: [] }).last_run_status).toBe('failed');
  const skipped = buildRunRecord({ ...failed, status: 'skipped', steps: [], error: undefined });
  expect(skipped.last_run_status).toBe('skipped');
  expect(valid(skipped)).toBe('valid');
  const secret = buildRunRecord({ ...failed, steps: [], error: { message: 'Error: cannot connect to postgres://u:pw@h/db' } });
  expect(secret.failure?.message).toBe('Error: cannot connect to postgres://u:***@h/db');
});

test('the schema rejects what a record must not be', () => {
  const record = buildRunRecord(failed);
  expect(valid({ ...record, last_run_status: 'timedOut' })).toMatch(/last_run_status/);
  expect(valid({ ...record, test_id: 'not-a-uuid' })).toMatch(/test_id/);
  expect(valid({ ...record, last_run_timestamp: 'yesterday' })).toMatch(/last_run_timestamp/);
  expect(valid({ ...record, steps: [{ title: 'x', phase: 'test', kind: 'call', status: 'passed', latency_ms: -1 }] })).toMatch(/latency_ms/);
  expect(valid({ ...record, extra: 1 })).toMatch(/additional/);
});

test('writer: one file per test_id, atomic, last write wins, history of the last N runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-records-'));
  try {
    const file = writeRunRecord(dir, buildRunRecord(failed));
    expect(file).toBe(join(dir, `${testId}.json`));
    for (let i = 1; i <= 4; i++) {
      writeRunRecord(dir, buildRunRecord({ ...failed, status: i % 2 ? 'passed' : 'failed', retry: i, startedAt: new Date(Date.UTC(2026, 10, 21, 3, i)) }), 3);
    }
    const read = readRunRecord(dir, testId);
    expect(valid(read)).toBe('valid');
    expect(read?.last_run_status).toBe('failed');
    expect(read?.retry).toBe(4);
    expect(read?.history?.map((h) => [h.status, h.retry])).toEqual([['failed', 2], ['passed', 3], ['failed', 4]]);
    expect(readdirSync(dir)).toEqual([`${testId}.json`]);
    expect(readRunRecords(dir).map((r) => r.test_id)).toEqual([testId]);
    // A record written before history existed seeds it; a torn or foreign file is ignored by the reader.
    writeFileSync(join(dir, 'broken.json'), '{"test_id": ');
    expect(readRunRecords(dir)).toHaveLength(1);
    expect(recordPath(dir, '../../etc/passwd')).toBe(join(dir, '.._.._etc_passwd.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('concurrent writers (several processes) never tear the file or lose a history entry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-records-'));
  try {
    const script = join(dir, 'writer.ts');
    const module = fileURLToPath(new URL('../../src/report/runRecord.ts', import.meta.url));
    writeFileSync(script, `import { buildRunRecord, writeRunRecord } from ${JSON.stringify(module)};
const [dir, worker] = process.argv.slice(2);
for (let i = 0; i < 10; i++) writeRunRecord(dir, buildRunRecord({ testId: ${JSON.stringify(testId)}, testName: 'w' + worker, status: 'passed', startedAt: new Date(), retry: Number(worker) * 100 + i, steps: [] }), 100);
`);
    const run = promisify(execFile);
    await Promise.all([0, 1, 2, 3].map((w) => run(process.execPath, ['--import', import.meta.resolve('tsx'), script, dir, String(w)])));
    const read = readRunRecord(dir, testId);
    expect(read?.history).toHaveLength(40);
    expect(new Set(read?.history?.map((h) => h.retry)).size).toBe(40);
    expect(readdirSync(dir).sort()).toEqual([`${testId}.json`, 'writer.ts']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
