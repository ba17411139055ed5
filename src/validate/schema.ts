// The ajv validators for journeys and fragments, compiled once per process from the hand-written schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, not the function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;

export const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/journey.schema.json', import.meta.url));
export const FRAGMENT_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/fragment.schema.json', import.meta.url));

export interface SchemaNode {
  title?: string;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  $ref?: string;
  [keyword: string]: unknown;
}

export interface Validators {
  schema: SchemaNode;
  journey: ValidateFunction;
  fragment: ValidateFunction;
}

let validators: Validators | undefined;

export function getValidators(): Validators {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode;
  // verbose: errors carry their schema, whose title and properties name the object and its allowed keys.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv, ['uuid']);
  ajv.addSchema(schema, 'journey.schema.json');
  const journey = ajv.getSchema('journey.schema.json');
  const fragment = ajv.compile({ $ref: 'journey.schema.json#/$defs/fragment' });
  if (!journey) throw new Error('journey schema did not compile');
  validators = { schema, journey, fragment };
  return validators;
}
