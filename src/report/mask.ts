// Secrets never reach a report or the console: every string that leaves the worker for one (attachments,
// step parameters, error messages and stacks, annotations, run records, environment.properties) passes
// through maskText, the one function that masks text. JSON goes through maskedJson, which also masks by
// key. A copy is masked; the caller's value is left as it was.
import { replaceSecrets, SECRET_KEY } from './secrets.js';

export const MASK = '***';

// Secrets inside otherwise harmless text: keep the shape (scheme, user, host) so the value still helps.
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):([^\s@/?#]+)@/gi;
const PATTERN_HINT = /bearer|basic|:\/\//i;

/** A string with every known secret (secrets.ts), bearer/basic credentials and URL passwords
 * (postgres://user:secret@host) masked. */
export function maskText(text: string): string {
  const masked = replaceSecrets(text, MASK);
  // One scan for the patterns' anchors: most strings (names, numbers, ids) have none, and every step's
  // parameters and every string of its request and response come through here.
  if (!PATTERN_HINT.test(masked)) return masked;
  return masked.replace(BEARER, (_m, scheme: string) => `${scheme} ${MASK}`).replace(URL_PASSWORD, (_m, head: string) => `${head}:${MASK}@`);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of `value` for showing to people: values under secret-looking keys become `"***"`, secrets
 * embedded in strings are masked, a cycle becomes `"[Circular]"`. Objects with `toJSON` (Date, URL) are
 * taken as they serialise; other class instances by their own enumerable properties.
 */
export function maskSecrets(value: unknown, secretKey: RegExp = SECRET_KEY): unknown {
  const inProgress = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v);
    if (v === null || typeof v !== 'object') return v;
    if (inProgress.has(v)) return '[Circular]';
    const json = (v as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function' && !isPlainObject(v)) return walk((json as () => unknown).call(v));
    inProgress.add(v);
    try {
      if (Array.isArray(v)) return v.map(walk);
      if (v instanceof Map) return walk(Object.fromEntries(v));
      if (v instanceof Set) return walk([...v]);
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) out[key] = secretKey.test(key) ? MASK : walk(inner);
      return out;
    } finally {
      inProgress.delete(v);
    }
  };
  return walk(value);
}

/** Masked, pretty JSON for an attachment. BigInts become strings rather than throwing. */
export function maskedJson(value: unknown): string {
  return plainMaskedJson(value) ?? JSON.stringify(maskSecrets(value), (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? 'null';
}

/** The same in one pass, for plain JSON data (what MCP and YAML give): every call step's request and
 * response go through here, so a copy then a second walk to print it was a cost per step. Undefined when
 * the value holds anything maskSecrets treats its own way (Map, Set, class instances, a cycle). */
function plainMaskedJson(value: unknown): string | undefined {
  let plain = true;
  try {
    const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown): unknown {
      const original = key === '' ? value : (this as Record<string, unknown>)[key];
      if (typeof original === 'object' && original !== null && !Array.isArray(original) && !isPlainObject(original)) plain = false;
      if (key !== '' && !Array.isArray(this) && SECRET_KEY.test(key)) return MASK;
      if (typeof v === 'string') return maskText(v);
      return typeof v === 'bigint' ? v.toString() : v;
    }, 2);
    return plain ? (text ?? 'null') : undefined;
  } catch {
    return undefined;
  }
}

/** The error with its message and stack (and its causes') masked in place, as Playwright will show and
 * serialise them: the console, error-context.md and Allure all take a failure from there. */
export function maskError<T>(error: T): T {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const message = maskText(e.message);
    if (message !== e.message) e.message = message;
    if (e.stack !== undefined) {
      const stack = maskText(e.stack);
      if (stack !== e.stack) e.stack = stack;
    }
  }
  return error;
}

/** Runs `body`; whatever it throws, it throws masked. For the body of every step a journey opens. */
export async function masking<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (e) {
    throw maskError(e);
  }
}
