// Words for values and paths in messages: what authors wrote, in YAML terms.
import type { DocPath } from '../load/loadedFile.js';

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return `${String(value)} (true/false)`;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return 'nothing';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

export function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  const words = list.map((t) => TYPE_WORDS[String(t)] ?? String(t));
  return words.length <= 1 ? (words[0] ?? 'a value') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

/** The key the value sits under, e.g. `timeout`, or `tags[2]` for a list item. */
export function fieldLabel(path: DocPath): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the document';
  if (typeof last === 'string') return last;
  const parent = path[path.length - 2];
  return `${typeof parent === 'string' ? parent : 'item'}[${last}]`;
}

export function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A value as a YAML author would write it inline, for hints. */
export function inlineYaml(value: unknown): string {
  if (typeof value === 'string') return /^[\w./$@{}-][\w ./:$@{}-]*$/.test(value) && !value.includes(': ') ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inlineYaml).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${/^[\w-]+$/.test(k) ? k : JSON.stringify(k)}: ${inlineYaml(v)}`).join(', ')} }`;
  }
  return String(value);
}
