// JSON as Go's encoding/json writes and decodes it: HTML-safe escaping on output; on input
// case-insensitive field names, unknown fields ignored, null leaves a field alone, and type mismatches
// reported in Go's words after the remaining fields were still applied.
import { GoNumber } from './goJsonParse.js';
import type { GoJsonValue } from './goJsonParse.js';

/** json.Marshal: JSON.stringify plus Go's escaping of <, >, & and the JS line separators. */
export function goStringify(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A nested struct names its Go type; with `fields` its own fields are decoded too. */
export type GoKind = 'string' | 'bool' | 'int64' | 'int' | 'float32' | { struct: string; fields?: GoStruct };

export interface GoStruct {
  /** The struct's Go name as errors print it ('' for an anonymous struct). */
  name: string;
  fields: Record<string, GoKind>;
}

const MAX_FLOAT32 = 3.4028234663852886e38;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoNumber);
}

function isObject(value: GoJsonValue): value is { [key: string]: GoJsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoNumber);
}

/** Go's name for the kind of a JSON value, as in "cannot unmarshal <kind>". */
export function kindOf(value: GoJsonValue): string {
  if (Array.isArray(value)) return 'array';
  if (value instanceof GoNumber) return 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, object
}

/** The decoded JS value, or the Go "Value" text of a mismatch. */
function convert(value: GoJsonValue, kind: GoKind): { ok: unknown } | { wrong: string } {
  if (typeof kind === 'object') return isObject(value) ? { ok: value } : { wrong: kindOf(value) };
  if (kind === 'string') return typeof value === 'string' ? { ok: value } : { wrong: kindOf(value) };
  if (kind === 'bool') return typeof value === 'boolean' ? { ok: value } : { wrong: kindOf(value) };
  if (!(value instanceof GoNumber)) return { wrong: kindOf(value) };
  if (kind === 'float32') return Math.abs(value.value) > MAX_FLOAT32 ? { wrong: `number ${value.literal}` } : { ok: value.value };
  if (!/^-?[0-9]+$/.test(value.literal)) return { wrong: `number ${value.literal}` };
  const big = BigInt(value.literal);
  return big < INT64_MIN || big > INT64_MAX ? { wrong: `number ${value.literal}` } : { ok: Number(big) };
}

function typeName(kind: GoKind): string {
  return typeof kind === 'object' ? kind.struct : kind;
}

/** Decodes `input` onto `target` as json.Unmarshal into a struct would; returns the first type error. */
export function decodeStruct(input: GoJsonValue, spec: GoStruct, target: Record<string, unknown>, goType: string, path = ''): string | undefined {
  if (input === null) return undefined;
  if (!isObject(input)) return `json: cannot unmarshal ${kindOf(input)} into Go value of type ${goType}`;
  let first: string | undefined;
  const names = Object.keys(spec.fields);
  for (const [key, value] of Object.entries(input)) {
    const name = names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
    const kind = name === undefined ? undefined : spec.fields[name];
    if (name === undefined || kind === undefined || value === null) continue;
    const converted = convert(value, kind);
    if ('wrong' in converted) {
      first ??= `json: cannot unmarshal ${converted.wrong} into Go struct field ${spec.name}.${path}${name} of type ${typeName(kind)}`;
      continue;
    }
    const nested = target[name];
    if (typeof kind === 'object' && kind.fields && isRecord(nested)) {
      const error = decodeStruct(value, kind.fields, nested, kind.struct, `${path}${name}.`);
      first ??= error;
      continue;
    }
    target[name] = converted.ok;
  }
  return first;
}
