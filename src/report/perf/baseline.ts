// Regression gate for benchmark and load journeys: a baseline per key (kind, test_id, operation) kept in
// the repository (bench/baselines/ by default), and a run fails when its p95 is more than the threshold
// (default 20 %) above the baseline's. No baseline, no comparison; update mode rewrites it from the run.
// Each comparison carries both machines, since a baseline from other hardware says little, and both
// calibrations (ping p50 to the server, a CPU loop; worker/perf/calibration.ts): when the run's ping p50
// is slower than the baseline's by more than the threshold, the machine or transport is slower, and the
// gate compares the calibrated p95 (p95 × baseline ping / run ping) instead; otherwise (noise, or a
// faster machine) the absolute p95 is compared. The absolute figures are always shown.
import { createHash } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { readIfExists, writeFileAtomic } from '../files.js';
import type { EncodedHistogram } from './types.js';
import { describeMachine, sameHardware } from './machine.js';
import type { MachineInfo } from './machine.js';
import type { BaselineComparison, Calibration, PerfKind, PerfResult } from './types.js';
import { figuresOf, resultKey } from './types.js';

export const DEFAULT_BASELINE_DIR = 'bench/baselines';
export const DEFAULT_THRESHOLD = 0.2;
export const THRESHOLD_ENV = 'MCP_JOURNEYS_REGRESSION_THRESHOLD';
export const UPDATE_ENV = 'MCP_JOURNEYS_UPDATE_BASELINES';
export const DIR_ENV = 'MCP_JOURNEYS_BASELINES_DIR';

export interface Baseline {
  key: string;
  kind: PerfKind;
  test_id: string;
  test_name?: string;
  operation: string;
  recorded_at: string;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  samples: number;
  machine: MachineInfo;
  histogram: EncodedHistogram;
  calibration?: Calibration;
}

export interface BaselineSettings {
  /** Absolute folder of baseline files. */
  dir: string;
  threshold: number;
  update: boolean;
}

/** "0.2", "20%" or "20 %" → 0.2. Throws a one-line error for anything else. */
export function parseThreshold(text: string): number {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] === '%' ? 100 : 1) : NaN;
  if (!Number.isFinite(value)) throw new Error(`${THRESHOLD_ENV} must be a fraction such as 0.2 or a percentage such as 20%, got "${text}"`);
  return value;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/** Settings from the environment (`--update-baselines` is expected to set MCP_JOURNEYS_UPDATE_BASELINES=1). */
export function baselineSettings(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): BaselineSettings {
  const dir = env[DIR_ENV]?.trim() || DEFAULT_BASELINE_DIR;
  const threshold = env[THRESHOLD_ENV]?.trim() ? parseThreshold(env[THRESHOLD_ENV] ?? '') : DEFAULT_THRESHOLD;
  return { dir: isAbsolute(dir) ? dir : resolve(root, dir), threshold, update: truthy(env[UPDATE_ENV]) };
}

/** A file-name-safe form of the text; a short hash keeps two operations that slug alike apart. */
export function slug(text: string): string {
  const safe = text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
  return safe === text ? safe : `${safe}-${createHash('sha1').update(text).digest('hex').slice(0, 8)}`;
}

export function baselineFile(dir: string, result: Pick<PerfResult, 'kind' | 'test_id' | 'operation'>): string {
  return join(dir, `${result.kind}-${result.test_id}-${slug(result.operation)}.json`);
}

export function baselineOf(result: PerfResult, recordedAt = new Date()): Baseline {
  const f = figuresOf(result);
  const baseline: Baseline = {
    key: resultKey(result), kind: result.kind, test_id: result.test_id, operation: result.operation, recorded_at: recordedAt.toISOString(),
    p50_ms: f.p50_ms, p95_ms: f.p95_ms, p99_ms: f.p99_ms, max_ms: f.max_ms, samples: result.histogram.count, machine: result.machine, histogram: result.histogram,
  };
  if (result.test_name !== undefined) baseline.test_name = result.test_name;
  if (result.calibration !== undefined) baseline.calibration = result.calibration;
  return baseline;
}

function isBaseline(value: unknown): value is Baseline {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['key'] === 'string' && typeof v['p95_ms'] === 'number' && v['p95_ms'] >= 0 && typeof v['recorded_at'] === 'string'
    && v['machine'] !== null && typeof v['machine'] === 'object';
}

/** The baseline in `file`, or undefined when there is none; throws when the file is not a baseline. */
export function readBaseline(file: string): Baseline | undefined {
  const text = readIfExists(file);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON; fix it or record it again with ${UPDATE_ENV}=1`);
  }
  if (!isBaseline(value)) throw new Error(`${file}: not a baseline (needs key, p95_ms, recorded_at, machine); record it again with ${UPDATE_ENV}=1`);
  return value;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

const ms = (v: number): string => `${Number(v.toFixed(3))} ms`;
const signedPct = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${Number((fraction * 100).toFixed(1))} %`;

const ratioOf = (run: number | undefined, base: number | undefined): number | undefined =>
  run !== undefined && base !== undefined && run > 0 && base > 0 ? Number((run / base).toFixed(4)) : undefined;

/** Pure: the verdict for a run's p95 against a baseline (or the lack of one). */
export function compareWithBaseline(
  run: { key: string; p95_ms: number; machine: MachineInfo; calibration?: Calibration },
  baseline: Baseline | undefined,
  threshold = DEFAULT_THRESHOLD,
): BaselineComparison {
  const base = { key: run.key, threshold, run_p95_ms: run.p95_ms, run_machine: run.machine };
  if (!baseline) {
    return { ...base, status: 'no-baseline', message: `no baseline for ${run.key}: nothing compared (record one with ${UPDATE_ENV}=1 or --update-baselines)` };
  }
  const limit = baseline.p95_ms * (1 + threshold);
  const calibration = ratioOf(run.calibration?.ping_p50_ms, baseline.calibration?.ping_p50_ms);
  const cpu = ratioOf(run.calibration?.cpu_ms, baseline.calibration?.cpu_ms);
  // A calibration that moved less than the threshold is noise, not other hardware. Only a slower one
  // calibrates: a sub-millisecond ping that happens to come back faster must not fail a run.
  const calibrated = calibration !== undefined && calibration > 1 + threshold;
  const compared = calibrated ? run.p95_ms / calibration : run.p95_ms;
  // A hair of tolerance so a run exactly at the limit passes despite floating-point rounding.
  const regressed = compared > limit + 1e-9;
  const same = sameHardware(baseline.machine, run.machine);
  const comparison: BaselineComparison = {
    ...base, status: regressed ? 'regressed' : 'passed', baseline_p95_ms: baseline.p95_ms, limit_p95_ms: Number(limit.toFixed(6)),
    baseline_recorded_at: baseline.recorded_at, baseline_machine: baseline.machine, same_hardware: same, message: '',
  };
  if (baseline.p95_ms > 0) comparison.ratio = Number((run.p95_ms / baseline.p95_ms).toFixed(4));
  if (calibration !== undefined) {
    comparison.calibration_ratio = calibration;
    comparison.calibrated_p95_ms = Number((run.p95_ms / calibration).toFixed(3));
    comparison.calibrated = calibrated;
  }
  if (cpu !== undefined) comparison.cpu_ratio = cpu;
  const change = (p95: number): string => (baseline.p95_ms > 0 ? ` (${signedPct(p95 / baseline.p95_ms - 1)}, limit ${signedPct(threshold)})` : ` (limit ${ms(limit)})`);
  const hardware = same ? '' : `; baseline from other hardware (${describeMachine(baseline.machine)}; this run: ${describeMachine(run.machine)})`;
  const figures = calibrated
    ? `${ms(run.p95_ms)} vs baseline ${ms(baseline.p95_ms)}; calibrated (ping p50 ×${calibration}${cpu === undefined ? '' : `, CPU loop ×${cpu}`}): ${ms(compared)}${change(compared)}`
    : `${ms(run.p95_ms)} vs baseline ${ms(baseline.p95_ms)}${change(run.p95_ms)}`;
  comparison.message = regressed ? `p95 regressed: ${figures}${hardware}` : `p95 ${figures}: within the threshold${hardware}`;
  return comparison;
}

/**
 * Compares the result with its baseline file, or (update mode) rewrites that file from the result.
 * Throws when the baseline file exists but cannot be used.
 */
export function checkBaseline(result: PerfResult, settings: BaselineSettings = baselineSettings(), now = new Date()): BaselineComparison {
  const file = baselineFile(settings.dir, result);
  const run = { key: resultKey(result), p95_ms: figuresOf(result).p95_ms, machine: result.machine, ...(result.calibration ? { calibration: result.calibration } : {}) };
  if (settings.update) {
    const previous = readIfExists(file) !== undefined;
    writeBaseline(file, baselineOf(result, now));
    return { key: run.key, threshold: settings.threshold, run_p95_ms: run.p95_ms, run_machine: run.machine, status: 'updated', message: `baseline ${previous ? 'rewritten' : 'recorded'} for ${run.key}: p95 ${ms(run.p95_ms)} (${file})` };
  }
  return compareWithBaseline(run, readBaseline(file), settings.threshold);
}

/** The result with the comparison recorded; a regression makes it fail, with the verdict as its reason. */
export function withBaseline<T extends PerfResult>(result: T, comparison: BaselineComparison): T {
  const next: T = { ...result, baseline: comparison };
  if (comparison.status === 'regressed') {
    next.passed = false;
    next.failures = [...(result.failures ?? []), comparison.message];
  }
  return next;
}
