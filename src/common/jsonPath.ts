// JSONPath (RFC 9535) for `save`, `expect.result` and `eventually`. json-p3 parses strictly and says
// where a path breaks, which the validator needs for file:line:col.
import { jsonpath } from 'json-p3';

export interface JsonPathProblem {
  message: string;
  /** Offset in the path text. */
  offset: number;
}

const cache = new Map<string, ReturnType<typeof jsonpath.compile>>();

/** `$raw` is a second root, ours and not RFC 9535's: the step's raw result (an MCP result as received),
 * where `$` is the value a journey usually wants (structuredContent, or the first text parsed). */
const RAW_ROOT = /^\$raw(?=$|[.[])/;

function split(path: string): { raw: boolean; query: string } {
  return RAW_ROOT.test(path) ? { raw: true, query: `$${path.slice(4)}` } : { raw: false, query: path };
}

function compiled(path: string): ReturnType<typeof jsonpath.compile> {
  let query = cache.get(path);
  if (!query) {
    query = jsonpath.compile(split(path).query);
    cache.set(path, query);
  }
  return query;
}

/** undefined when the path is valid. */
export function checkJsonPath(path: string): JsonPathProblem | undefined {
  try {
    compiled(path);
    return undefined;
  } catch (e) {
    const token = (e as { token?: { index?: unknown } }).token;
    const offset = (typeof token?.index === 'number' ? token.index : 0) + (split(path).raw ? 3 : 0);
    const message = e instanceof Error ? e.message.replace(/\s*\(.*\)$/, '') : String(e);
    return { message, offset };
  }
}

/** Every value the path selects (an empty array when nothing matches). */
export function queryAll(value: unknown, path: string): unknown[] {
  return compiled(path).query(value as Parameters<ReturnType<typeof jsonpath.compile>['query']>[0]).values();
}

/** A step's result as paths see it: `$` is its value, `$raw` its raw result (the value when it has none,
 * as for sql and http). */
export interface ResultRoots {
  value: unknown;
  raw?: unknown;
}

/** Every value a `$…` or `$raw…` path selects in a step's result. */
export function queryResult(result: ResultRoots, path: string): unknown[] {
  return queryAll(split(path).raw ? (result.raw === undefined ? result.value : result.raw) : result.value, path);
}

/** True when the path can select more than one value (wildcards, slices, filters, descendants). */
export function isMultiValued(path: string): boolean {
  return !compiled(path).singularQuery();
}

/** Where each value the path selects sits in `value` (member names and indexes from the root). */
export function locationsOf(value: unknown, path: string): (string | number)[][] {
  return compiled(path).query(value as Parameters<ReturnType<typeof jsonpath.compile>['query']>[0]).nodes.map((n) => n.location);
}
