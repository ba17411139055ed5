// `schema` matchers: JSON Schema (draft 2020-12, formats on) against a result or a value at a path.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, not the function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
const cache = new Map<string, ValidateFunction>();

/** undefined when the value conforms; otherwise the first few problems in one line. */
export function validateSchema(schema: unknown, value: unknown): string | undefined {
  const key = JSON.stringify(schema);
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(schema as object);
    cache.set(key, validate);
  }
  if (validate(value)) return undefined;
  return (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`).join('; ');
}
