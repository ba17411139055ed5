// Reading result files back (merge-results, baselines, the report): JSON Schema first, then the rules
// the schema cannot express, so a hand-edited or truncated file is named with what is wrong with it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { validateBenchmarkResult } from './benchmarkResult.js';
import { validateLoadResult } from './loadResult.js';
import type { BenchmarkResult, LoadTestResult, PerfResult } from './types.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, not the function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;

export const BENCHMARK_SCHEMA_PATH = fileURLToPath(new URL('../../../schemas/benchmark-result.schema.json', import.meta.url));
export const LOAD_SCHEMA_PATH = fileURLToPath(new URL('../../../schemas/load-test-result.schema.json', import.meta.url));

let validators: { benchmark: ValidateFunction; load: ValidateFunction } | undefined;

function getValidators(): { benchmark: ValidateFunction; load: ValidateFunction } {
  if (validators) return validators;
  const compile = (path: string): ValidateFunction => {
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }), ['uuid', 'date-time']);
    return ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
  };
  validators = { benchmark: compile(BENCHMARK_SCHEMA_PATH), load: compile(LOAD_SCHEMA_PATH) };
  return validators;
}

function schemaMessages(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 5).map((e) => {
    const where = e.instancePath === '' ? 'result' : e.instancePath.slice(1).replace(/\//g, '.');
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return `${where} ${e.message ?? 'is invalid'}${extra}`;
  });
}

export type Checked = { result: PerfResult; problems: [] } | { result?: undefined; problems: string[] };

/** The value as a result when it follows its schema and its rules; otherwise what is wrong. */
export function checkResult(value: unknown): Checked {
  const kind = value !== null && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  if (kind !== 'benchmark' && kind !== 'load') return { problems: ['not a benchmark or load test result (kind must be "benchmark" or "load")'] };
  const validate = getValidators()[kind];
  if (!validate(value)) return { problems: schemaMessages(validate.errors) };
  const problems = kind === 'benchmark' ? validateBenchmarkResult(value as BenchmarkResult) : validateLoadResult(value as LoadTestResult);
  return problems.length > 0 ? { problems } : { result: value as PerfResult, problems: [] };
}

/** Throws an Error naming the file and its first problems. */
export function readResultFile(file: string): PerfResult {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `not JSON (${error.message})` : (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new Error(`${file}: ${why}`, { cause: error });
  }
  const checked = checkResult(value);
  if (!checked.result) throw new Error(`${file}: ${checked.problems.join('; ')}`);
  return checked.result;
}
