// A step's result → the text its snapshot stores: `ignore` paths left out, `mask` paths replaced, then the
// values that change from run to run masked (UUIDs, ISO timestamps, durations, latency-like fields, the
// run id), secrets masked as in reports, keys sorted so a server that reorders them changes nothing.
import { locationsOf } from '../../common/jsonPath.js';
import { maskSecrets } from '../../report/mask.js';

export interface SnapshotRules {
  ignore: readonly string[];
  mask: Readonly<Record<string, string>>;
  volatile: boolean;
  /** The journey's `${run.id}`, masked wherever it appears in a string. */
  runId?: string;
}

const PLACEHOLDERS = { uuid: '<uuid>', timestamp: '<timestamp>', duration: '<duration>', runId: '<run.id>' } as const;

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** 2026-12-04T19:09:13Z, 2026-12-04T19:09:13.123+01:00, 2026-12-04 19:09:13 */
const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b/g;
/** A whole string that is a duration: `12ms`, `1.5 s`, `250µs`, `PT1.5S`. */
const DURATION_TEXT = /^(?:\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds|m|min|h)|P(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?))$/i;
/** Numbers under these keys measure time taken: `latency_ms`, `durationMs`, `elapsed`, `took`, `uptime_s`. */
const DURATION_KEY = /(latency|duration|elapsed|took|uptime)|(_ms|Ms|_millis|_us|_ns|_sec|_secs|_seconds)$/i;
/** Numbers under these keys are points in time: `timestamp`, `created_at`, `updatedAt`, `time`. */
const TIME_KEY = /^(timestamp|time|ts)$|(_at|At|_time|Time|_timestamp|Timestamp)$/;

type Location = (string | number)[];

function at(root: unknown, location: Location): { parent: unknown; key: string | number } | undefined {
  if (location.length === 0) return undefined;
  let parent = root;
  for (const part of location.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[part];
  const key = location[location.length - 1];
  return key === undefined ? undefined : { parent, key };
}

function remove(root: unknown, locations: Location[]): void {
  // Deepest and last first, so removing one array item does not shift the others still to remove.
  const sorted = [...locations].sort((a, b) => b.length - a.length || compareLast(b, a));
  for (const location of sorted) {
    const place = at(root, location);
    if (!place) continue;
    if (Array.isArray(place.parent) && typeof place.key === 'number') place.parent.splice(place.key, 1);
    else if (place.parent !== null && typeof place.parent === 'object') Reflect.deleteProperty(place.parent, place.key);
  }
}

function compareLast(a: Location, b: Location): number {
  const x = a[a.length - 1];
  const y = b[b.length - 1];
  return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
}

function volatileString(text: string, runId: string | undefined): string {
  if (DURATION_TEXT.test(text)) return PLACEHOLDERS.duration;
  let out = runId ? text.split(runId).join(PLACEHOLDERS.runId) : text;
  out = out.replace(UUID, PLACEHOLDERS.uuid).replace(ISO_TIMESTAMP, PLACEHOLDERS.timestamp);
  return out;
}

function maskVolatile(value: unknown, key: string | undefined, runId: string | undefined): unknown {
  if (typeof value === 'string') return volatileString(value, runId);
  if (typeof value === 'number' && key !== undefined) {
    if (DURATION_KEY.test(key)) return PLACEHOLDERS.duration;
    if (TIME_KEY.test(key)) return PLACEHOLDERS.timestamp;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskVolatile(v, undefined, runId));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskVolatile(v, k, runId)]));
  }
  return value;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The value as stored: a copy, the caller's value is left as it was. */
export function snapshotValue(value: unknown, rules: SnapshotRules): unknown {
  // A plain JSON copy: results are JSON already, and undefined members vanish as they would on disk.
  const copy = value === undefined ? null : (JSON.parse(JSON.stringify(maskSecrets(value))) as unknown);
  const box = { $: copy };
  const located = (path: string): Location[] => locationsOf(copy, path).map((l) => ['$', ...l]);
  for (const [path, placeholder] of Object.entries(rules.mask)) {
    for (const location of located(path)) {
      const place = at(box, location);
      if (place) (place.parent as Record<string | number, unknown>)[place.key] = placeholder;
    }
  }
  remove(box, rules.ignore.flatMap(located));
  const kept = rules.volatile ? maskVolatile(box.$, undefined, rules.runId) : box.$;
  return sortKeys(kept);
}

export function snapshotText(value: unknown, rules: SnapshotRules): string {
  return `${JSON.stringify(snapshotValue(value, rules), null, 2)}\n`;
}
