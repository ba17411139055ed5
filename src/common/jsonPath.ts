// JSONPath (RFC 9535) for `save`, `expect.result` and `eventually`. json-p3 parses strictly and says
// where a path breaks, which the validator needs for file:line:col.
import { jsonpath } from 'json-p3';

export interface JsonPathProblem {
  message: string;
  /** Offset in the path text. */
  offset: number;
}

const cache = new Map<string, ReturnType<typeof jsonpath.compile>>();

function compiled(path: string): ReturnType<typeof jsonpath.compile> {
  let query = cache.get(path);
  if (!query) {
    query = jsonpath.compile(path);
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
    const offset = typeof token?.index === 'number' ? token.index : 0;
    const message = e instanceof Error ? e.message.replace(/\s*\(.*\)$/, '') : String(e);
    return { message, offset };
  }
}

/** Every value the path selects (an empty array when nothing matches). */
export function queryAll(value: unknown, path: string): unknown[] {
  return compiled(path).query(value as Parameters<ReturnType<typeof jsonpath.compile>['query']>[0]).values();
}

/** True when the path can select more than one value (wildcards, slices, filters, descendants). */
export function isMultiValued(path: string): boolean {
  return !compiled(path).singularQuery();
}
