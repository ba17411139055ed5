// `${...}` templates in journey values. Parsing is shared by the validator (unknown variables, with
// their offsets) and the runtime (rendering); both must agree on what a reference is.

export type TemplateRef =
  | { type: 'var'; name: string; /** Property names and indexes after the name: `${a.b[0]}`. */ path: (string | number)[] }
  | { type: 'env'; name: string; fallback?: string }
  | { type: 'run'; name: 'id' }
  | { type: 'fixtures' };

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; ref: TemplateRef; source: string; /** Offset of `$` in the string. */ offset: number };

export class TemplateError extends Error {
  constructor(message: string, readonly offset: number, readonly length: number) {
    super(message);
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const ENV = /^env\.([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

function parseRef(expr: string, offset: number): TemplateRef {
  const env = ENV.exec(expr);
  if (env) return env[2] === undefined ? { type: 'env', name: env[1] ?? '' } : { type: 'env', name: env[1] ?? '', fallback: env[2] };
  if (expr === 'run.id') return { type: 'run', name: 'id' };
  if (expr === 'fixtures') return { type: 'fixtures' };
  const head = NAME.exec(expr);
  if (!head) throw new TemplateError(`invalid reference "\${${expr}}"`, offset, expr.length + 3);
  const name = head[0];
  if (name === 'env' || name === 'run') {
    throw new TemplateError(`"\${${expr}}" is not a built-in; use \${env.NAME}, \${env.NAME:-default} or \${run.id}`, offset, expr.length + 3);
  }
  const path: (string | number)[] = [];
  let rest = expr.slice(name.length);
  while (rest.length > 0) {
    const prop = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    if (prop) path.push(prop[1] ?? '');
    else if (index) path.push(Number(index[1]));
    else throw new TemplateError(`invalid reference "\${${expr}}"`, offset, expr.length + 3);
    rest = rest.slice((prop ?? index)?.[0].length ?? rest.length);
  }
  return { type: 'var', name, path };
}

/** Splits a string into text and references. `$${` is a literal `${`. Throws TemplateError. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let buffer = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      buffer += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      // Plain text up to the next `$` in one piece: long values are not copied a character at a time.
      const next = text.indexOf('$', i + 1);
      const end = next < 0 ? text.length : next;
      buffer += text.slice(i, end);
      i = end;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) throw new TemplateError('unterminated "${": add the closing "}"', i, text.length - i);
    const expr = text.slice(i + 2, close);
    if (expr.trim() === '') throw new TemplateError('empty reference "${}"', i, 3);
    if (buffer) parts.push({ kind: 'text', text: buffer });
    buffer = '';
    parts.push({ kind: 'ref', ref: parseRef(expr, i), source: text.slice(i, close + 1), offset: i });
    i = close + 1;
  }
  if (buffer) parts.push({ kind: 'text', text: buffer });
  return parts;
}

export function hasTemplate(text: string): boolean {
  return text.includes('${');
}

/** Renders one string. A string that is exactly one reference keeps the referenced value's type. */
export function renderTemplate(text: string, lookup: (ref: TemplateRef, source: string) => unknown): unknown {
  if (!hasTemplate(text)) return text;
  const parts = parseTemplate(text);
  const only = parts[0];
  if (parts.length === 1 && only?.kind === 'ref') return lookup(only.ref, only.source);
  return parts.map((p) => {
    if (p.kind === 'text') return p.text;
    const value = lookup(p.ref, p.source);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }).join('');
}

/** Renders every string inside a JSON-like value; object keys are left as written. */
export function renderDeep(value: unknown, lookup: (ref: TemplateRef, source: string) => unknown): unknown {
  if (typeof value === 'string') return renderTemplate(value, lookup);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderDeep(v, lookup);
    return out;
  }
  return value;
}

/** Follows a var reference's path into a value; undefined when a step of the path is missing. */
export function followPath(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
