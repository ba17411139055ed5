// Ids that came back in one result and went out again in a later request, on any server, become a
// `save` on the step that returned them and a `${var}` where they were used. Only values that look like
// ids qualify (under an id-like key, or shaped like a UUID or token), and only those a result gave
// first: a value the client had already sent is the user's own, not something the server handed out.

export interface LinkStep {
  /** What the journey's `$` is for this step (absent for a failed one: nothing to save from). */
  value?: unknown;
  /** What the step sends (a call's arguments, a read's uri …), rewritten with `${var}`. */
  sent: unknown;
  /** Names a captured id after the step when its key says only `id` (create_project → project_id). */
  noun: string;
}

export interface Capture {
  /** The variable. */
  name: string;
  /** JSONPath on `$` of the step that returned it. */
  path: string;
  /** Index of that step. */
  step: number;
}

export interface Linked {
  /** Per step, what it sends with literals escaped and ids as `${var}`. */
  sent: unknown[];
  /** Per step, the captures it saves. */
  saves: Capture[][];
  /** Per step, the variables it uses and where each came from. */
  uses: Capture[][];
}

const ID_KEY = /^(id|ids|uuid|key|ref|uri|url)$|[_-](id|ids|uuid|key|ref|uri)$|[a-z](Id|Ids|Uuid|Key|Ref|Uri)$/;
const ID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^(?=[^\s/]*\d)(?=[^\s/]*[A-Za-z])[A-Za-z0-9_.:-]{8,}$/i;
const RESERVED = new Set(['env', 'run', 'fixtures']);
/** A known id found inside a longer string (a URI) is replaced there only when this long. */
const MIN_EMBEDDED = 8;

interface Origin {
  /** A string id matches a string, a numeric one a number: "5" sent is not work item 5. */
  type: 'string' | 'number';
  step: number;
  path: string;
  key: string | undefined;
  capture?: Capture;
}

export function isIdLike(key: string | undefined, value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && key !== undefined && ID_KEY.test(key);
  if (typeof value !== 'string' || value.length < 3 || value.length > 512) return false;
  return (key !== undefined && ID_KEY.test(key)) || ID_VALUE.test(value);
}

export function jsonPathOf(segments: readonly (string | number)[]): string {
  return `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('')}`;
}

function leaves(value: unknown, at: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void): void {
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, [...at, i], visit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...at, k], visit);
  else visit(value, at);
}

function keyOf(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** A literal `${` in what was sent stays literal in the journey. */
const escapeTemplate = (text: string): string => text.replace(/\$\{/g, () => '$${');

export function linkIds(steps: readonly LinkStep[]): Linked {
  const known = new Map<string, Origin>();
  const sentBefore = new Set<string>();
  const names = new Set<string>();
  const saves: Capture[][] = steps.map(() => []);
  const uses: Capture[][] = steps.map(() => []);

  const captureOf = (origin: Origin): Capture => {
    if (origin.capture) return origin.capture;
    const noun = steps[origin.step]?.noun ?? 'value';
    const base = variableName(origin.key === undefined || /^(id|uuid|key|ref)$/i.test(origin.key) ? `${noun}_${origin.key ?? 'id'}` : origin.key);
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}_${n}`;
    names.add(name);
    origin.capture = { name, path: origin.path, step: origin.step };
    saves[origin.step]?.push(origin.capture);
    return origin.capture;
  };
  const use = (i: number, origin: Origin): string => {
    const capture = captureOf(origin);
    if (!uses[i]?.some((c) => c.name === capture.name)) uses[i]?.push(capture);
    return `\${${capture.name}}`;
  };

  const sent = steps.map((step, i) => {
    const rewritten = rewrite(step.sent, [], (value, path) => {
      const exact = known.get(String(value));
      // A number is an id only where the request names it as one (`limit: 5` is not work item 5).
      if (exact && exact.type === typeof value && (typeof value === 'string' || isIdLike(keyOf(path), value))) return use(i, exact);
      if (typeof value !== 'string') return value;
      let text = escapeTemplate(value);
      for (const [id, origin] of [...known].sort((a, b) => b[0].length - a[0].length)) {
        if (origin.type === 'string' && id.length >= MIN_EMBEDDED && text.includes(id)) text = text.split(id).join(use(i, origin));
      }
      return text;
    });
    leaves(step.sent, [], (value) => { if (typeof value === 'string' || typeof value === 'number') sentBefore.add(String(value)); });
    if (step.value !== undefined) {
      leaves(step.value, [], (value, path) => {
        const key = keyOf(path);
        const text = String(value);
        if (!isIdLike(key, value) || sentBefore.has(text) || known.has(text)) return;
        known.set(text, { type: typeof value === 'number' ? 'number' : 'string', step: i, path: jsonPathOf(path), key });
      });
    }
    return rewritten;
  });
  return { sent, saves, uses };
}

function rewrite(value: unknown, at: (string | number)[], leaf: (value: unknown, path: (string | number)[]) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item, i) => rewrite(item, [...at, i], leaf));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, [...at, k], leaf)]));
  return leaf(value, at);
}

function variableName(text: string): string {
  let name = text.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_');
  if (!/^[A-Za-z_]/.test(name)) name = `v_${name}`;
  return RESERVED.has(name) ? `${name}_value` : name;
}

const VERB = /^(create|start|add|register|record|new|make|open|begin|insert|post|put|set|get|update|upsert|fetch|read|index|run|submit)_/;

/** create_work_item → work_item; a read or a prompt is named by its kind. */
export function nounOf(tool: string): string {
  const noun = tool.replace(/[^A-Za-z0-9_]/g, '_').replace(VERB, '');
  return noun === '' ? 'value' : noun;
}
