// gorilla/mux as the real server configures it: redirect unclean paths, match routes in order,
// 405 when only the method is wrong, and its plain 404 otherwise.
import { posix } from 'node:path';
import type { Handler } from './handlers/context.js';
import { populate, proxyCreate, proxyDelete, proxyIndex, proxyShow, proxyUpdate, resetState } from './handlers/proxies.js';
import { toxicCreate, toxicDelete, toxicIndex, toxicShow, toxicUpdate } from './handlers/toxics.js';
import { version } from './handlers/version.js';

interface Route {
  pattern: RegExp;
  keys: string[];
  methods: Partial<Record<string, Handler>>;
}

const SEGMENT = '([^/]+)';
const ROUTES: Route[] = [
  { pattern: /^\/reset$/, keys: [], methods: { POST: resetState } },
  { pattern: /^\/proxies$/, keys: [], methods: { GET: proxyIndex, POST: proxyCreate } },
  { pattern: /^\/populate$/, keys: [], methods: { POST: populate } },
  { pattern: new RegExp(`^/proxies/${SEGMENT}$`), keys: ['proxy'], methods: { GET: proxyShow, POST: proxyUpdate, PATCH: proxyUpdate, DELETE: proxyDelete } },
  { pattern: new RegExp(`^/proxies/${SEGMENT}/toxics$`), keys: ['proxy'], methods: { GET: toxicIndex, POST: toxicCreate } },
  {
    pattern: new RegExp(`^/proxies/${SEGMENT}/toxics/${SEGMENT}$`),
    keys: ['proxy', 'toxic'],
    methods: { GET: toxicShow, POST: toxicUpdate, PATCH: toxicUpdate, DELETE: toxicDelete },
  },
  { pattern: /^\/version$/, keys: [], methods: { GET: version } },
];

export type RouteMatch =
  | { kind: 'handler'; handler: Handler; params: Record<string, string> }
  | { kind: 'redirect'; location: string }
  | { kind: 'methodNotAllowed' }
  | { kind: 'notFound' };

/** mux's cleanPath: path.Clean, keeping a trailing slash. */
export function cleanPath(path: string): string {
  if (path === '') return '/';
  const rooted = path.startsWith('/') ? path : `/${path}`;
  let clean = posix.normalize(rooted);
  if (clean.length > 1 && clean.endsWith('/') && !rooted.endsWith('/')) clean = clean.slice(0, -1);
  return clean;
}

/** `path` is already percent-decoded, as Go's URL.Path is. */
export function route(method: string, path: string, rawQuery: string): RouteMatch {
  const clean = cleanPath(path);
  if (clean !== path) return { kind: 'redirect', location: rawQuery ? `${clean}?${rawQuery}` : clean };
  let pathMatched = false;
  for (const { pattern, keys, methods } of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    const handler = methods[method];
    if (handler) {
      const params = Object.fromEntries(keys.map((key, i) => [key, match[i + 1] ?? '']));
      return { kind: 'handler', handler, params };
    }
  }
  return pathMatched ? { kind: 'methodNotAllowed' } : { kind: 'notFound' };
}
