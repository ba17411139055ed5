// JSON as Go's encoding/json writes and reads it: HTML-safe escaping on output; on input the first
// value of the body, case-insensitive field names, unknown fields ignored, null leaves a field alone,
// and type mismatches reported in Go's words after the remaining fields were still applied.

/** json.Marshal: JSON.stringify plus Go's escaping of <, >, & and the JS line separators. */
export function goStringify(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class JsonSyntaxError extends Error {}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** End index of the value starting at `start`, or -1 when the text ends first. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth <= 0) return i + 1;
    } else if (depth === 0 && (WHITESPACE.has(c ?? '') || c === ',')) return i;
  }
  return depth === 0 && !inString ? text.length : -1;
}

/** json.NewDecoder(body).Decode: the first value only; "EOF" for an empty body. */
export function readJsonValue(text: string): unknown {
  let start = 0;
  while (start < text.length && WHITESPACE.has(text[start] ?? '')) start++;
  if (start >= text.length) throw new JsonSyntaxError('EOF');
  const end = valueEnd(text, start);
  if (end < 0) throw new JsonSyntaxError('unexpected EOF');
  const slice = text.slice(start, end);
  try {
    return JSON.parse(slice) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const at = position ? Number(position[1]) : 0;
    if (at >= slice.length) throw new JsonSyntaxError('unexpected EOF');
    throw new JsonSyntaxError(`invalid character '${slice[at] ?? ''}' looking for beginning of value`);
  }
}

/** A nested struct names its Go type; with `fields` its own fields are decoded too. */
export type GoKind = 'string' | 'bool' | 'int64' | 'int' | 'float32' | { struct: string; fields?: GoStruct };

export interface GoStruct {
  /** The struct's Go name as errors print it ('' for an anonymous struct). */
  name: string;
  fields: Record<string, GoKind>;
}

const MAX_FLOAT32 = 3.4028234663852886e38;

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, number, object
}

/** The Go "Value" of a mismatch, or undefined when `value` fits `kind`. */
function mismatch(value: unknown, kind: GoKind): string | undefined {
  if (typeof kind === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : kindOf(value);
  if (kind === 'string') return typeof value === 'string' ? undefined : kindOf(value);
  if (kind === 'bool') return typeof value === 'boolean' ? undefined : kindOf(value);
  if (typeof value !== 'number') return kindOf(value);
  if (kind === 'float32') return Math.abs(value) > MAX_FLOAT32 ? `number ${value}` : undefined;
  const limit = kind === 'int64' ? Number.MAX_SAFE_INTEGER : 2 ** 63;
  return Number.isInteger(value) && Math.abs(value) <= limit ? undefined : `number ${value}`;
}

function typeName(kind: GoKind): string {
  return typeof kind === 'object' ? kind.struct : kind;
}

/** Decodes `input` onto `target` as json.Unmarshal into a struct would; returns the first type error. */
export function decodeStruct(input: unknown, spec: GoStruct, target: Record<string, unknown>, goType: string, path = ''): string | undefined {
  if (input === null) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) {
    return `json: cannot unmarshal ${kindOf(input)} into Go value of type ${goType}`;
  }
  let first: string | undefined;
  const names = Object.keys(spec.fields);
  for (const [key, value] of Object.entries(input)) {
    const name = names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
    const kind = name === undefined ? undefined : spec.fields[name];
    if (name === undefined || kind === undefined || value === null) continue;
    const wrong = mismatch(value, kind);
    if (wrong !== undefined) {
      first ??= `json: cannot unmarshal ${wrong} into Go struct field ${spec.name}.${path}${name} of type ${typeName(kind)}`;
      continue;
    }
    const nested = target[name];
    if (typeof kind === 'object' && kind.fields && isRecord(nested)) {
      first ??= decodeStruct(value, kind.fields, nested, kind.struct, `${path}${name}.`);
      continue;
    }
    target[name] = value;
  }
  return first;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
