// What differs between two JSON values, one line per changed path: the short story a snapshot mismatch
// starts with, before the line diff.
import { show } from './matchers.js';

export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function member(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Every path where `after` differs from `before`, parents before children, in document order. */
export function jsonChanges(before: unknown, after: unknown, path = '$'): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= after.length) out.push({ path: at, kind: 'removed', before: before[i] });
      else if (i >= before.length) out.push({ path: at, kind: 'added', after: after[i] });
      else out.push(...jsonChanges(before[i], after[i], at));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: JsonChange[] = [];
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const key of keys) {
      const at = member(path, key);
      if (!(key in after)) out.push({ path: at, kind: 'removed', before: before[key] });
      else if (!(key in before)) out.push({ path: at, kind: 'added', after: after[key] });
      else out.push(...jsonChanges(before[key], after[key], at));
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, kind: 'changed', before, after }];
}

const PREVIEW = 80;

const short = (value: unknown): string => show(value, PREVIEW);

export function describeChange(c: JsonChange): string {
  switch (c.kind) {
    case 'added': return `${c.path}: added ${short(c.after)}`;
    case 'removed': return `${c.path}: removed (was ${short(c.before)})`;
    case 'changed': return `${c.path}: ${short(c.before)} → ${short(c.after)}`;
  }
}
