// The run record: what the last run of a journey did (schemas/run-record.schema.json), one file per
// test_id under test-results/run-records/, so later runs can be compared with earlier ones.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyMessage } from './categories.js';
import { readIfExists, withFileLock, writeFileAtomic } from './files.js';
import { maskText } from './mask.js';

export type RunStatus = 'passed' | 'failed' | 'skipped';
export type StepPhase = 'setup' | 'test' | 'teardown';

export interface RunRecordStep {
  title: string;
  phase: StepPhase;
  kind: string;
  server?: string;
  tool?: string;
  outcome?: string;
  latency_ms?: number;
  budget_ms?: number;
  status: 'passed' | 'failed';
}

export interface HistoryEntry {
  status: RunStatus;
  timestamp: string;
  duration_ms?: number;
  retry?: number;
}

export interface RunRecord {
  test_id: string;
  test_name: string;
  file?: string;
  project?: string;
  last_run_status: RunStatus;
  last_run_timestamp: string;
  duration_ms?: number;
  retry?: number;
  steps: RunRecordStep[];
  failure?: { category: string; message: string; step?: string };
  history?: HistoryEntry[];
}

/** A structural subset of the runtime's StepRecord. */
export interface StepRecordLike {
  phase: StepPhase;
  title: string;
  kind: string;
  server?: string;
  tool?: string;
  outcome?: string;
  latencyMs?: number;
  budgetMs?: number;
  status: 'passed' | 'failed';
  category?: string;
  error?: string;
}

export interface RunRecordInput {
  testId: string;
  testName: string;
  /** Relative to the journeys directory. */
  file?: string;
  project?: string;
  /** Playwright's TestInfo.status: passed, failed, timedOut, skipped, interrupted. */
  status: string;
  startedAt: Date;
  durationMs?: number;
  retry?: number;
  steps: readonly StepRecordLike[];
  /** The test's first error (TestInfo.error), when it failed. */
  error?: { message?: string };
}

export function runStatus(playwrightStatus: string): RunStatus {
  if (playwrightStatus === 'passed') return 'passed';
  return playwrightStatus === 'skipped' ? 'skipped' : 'failed';
}

function firstLine(text: string): string {
  return maskText(text.split('\n')[0] ?? '').trim();
}

function toStep(r: StepRecordLike): RunRecordStep {
  const step: RunRecordStep = { title: r.title, phase: r.phase, kind: r.kind, status: r.status };
  if (r.server !== undefined) step.server = r.server;
  if (r.tool !== undefined) step.tool = r.tool;
  if (r.outcome !== undefined) step.outcome = r.outcome;
  if (r.latencyMs !== undefined) step.latency_ms = Math.round(r.latencyMs * 1000) / 1000;
  if (r.budgetMs !== undefined) step.budget_ms = r.budgetMs;
  return step;
}

/** A failed step's own category is the truth; otherwise the failure message says what happened. */
function failureOf(input: RunRecordInput): RunRecord['failure'] {
  const failed = input.steps.find((s) => s.status === 'failed' && s.phase !== 'teardown') ?? input.steps.find((s) => s.status === 'failed');
  const message = input.error?.message !== undefined ? firstLine(input.error.message) : failed?.error !== undefined ? firstLine(failed.error) : '';
  const category = failed?.category ?? classifyMessage(input.error?.message ?? '')?.id ?? 'runtime';
  const failure: NonNullable<RunRecord['failure']> = { category, message };
  if (failed) failure.step = failed.title;
  return failure;
}

export function buildRunRecord(input: RunRecordInput): RunRecord {
  const status = runStatus(input.status);
  const record: RunRecord = {
    test_id: input.testId,
    test_name: input.testName,
    last_run_status: status,
    last_run_timestamp: input.startedAt.toISOString(),
    steps: input.steps.map(toStep),
  };
  if (input.file !== undefined) record.file = input.file;
  if (input.project !== undefined) record.project = input.project;
  if (input.durationMs !== undefined) record.duration_ms = Math.max(0, Math.round(input.durationMs));
  if (input.retry !== undefined) record.retry = input.retry;
  if (status === 'failed') record.failure = failureOf(input);
  return record;
}

export const HISTORY_LIMIT = 20;

export function recordPath(dir: string, testId: string): string {
  // A test_id is a UUID by schema; anything else still must not name a path outside `dir`.
  return join(dir, `${testId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

function entryOf(record: RunRecord): HistoryEntry {
  const entry: HistoryEntry = { status: record.last_run_status, timestamp: record.last_run_timestamp };
  if (record.duration_ms !== undefined) entry.duration_ms = record.duration_ms;
  if (record.retry !== undefined) entry.retry = record.retry;
  return entry;
}

function parseRecord(text: string | undefined): RunRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && typeof (value as RunRecord).last_run_status === 'string' ? (value as RunRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `<dir>/<test_id>.json` atomically, under a lock so concurrent writers (retries, --repeat-each)
 * never lose a history entry. The last write wins; `history` carries the previous record's runs on.
 */
/** `key` names the file: the test_id, or for a matrix's instance the test_id and its servers. */
export function writeRunRecord(dir: string, record: RunRecord, historyLimit = HISTORY_LIMIT, key = record.test_id): string {
  const file = recordPath(dir, key);
  withFileLock(file, () => {
    const previous = parseRecord(readIfExists(file));
    const earlier = previous ? (previous.history ?? [entryOf(previous)]) : [];
    const history = [...earlier, entryOf(record)].slice(-Math.max(1, historyLimit));
    writeFileAtomic(file, `${maskText(JSON.stringify({ ...record, history }, null, 2))}\n`);
  });
  return file;
}

export function readRunRecord(dir: string, testId: string): RunRecord | undefined {
  return parseRecord(readIfExists(recordPath(dir, testId)));
}

/** Every record in `dir` (unreadable files skipped), ordered by test_id. */
export function readRunRecords(dir: string): RunRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.map((n) => parseRecord(readIfExists(join(dir, n)))).filter((r): r is RunRecord => r !== undefined)
    .sort((a, b) => a.test_id.localeCompare(b.test_id));
}
