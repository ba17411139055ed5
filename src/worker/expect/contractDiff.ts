// What changed in a server's contract, in words a reviewer acts on: a tool added or removed, a description
// reworded, an argument added, removed, made required or optional, its type changed, an annotation
// changed; prompts and resources alike. Whatever has no words of its own is told by its JSONPath.
import { describeChange, jsonChanges } from './jsonChanges.js';
import { show } from './matchers.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const text = (v: unknown): string => show(v, 120);

interface ListWords {
  key: string;
  /** `tool`, `prompt` … */
  noun: string;
  id: string;
  members: (what: string, before: Obj, after: Obj) => string[];
}

function reworded(what: string, field: string, before: unknown, after: unknown): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [`${what}: ${field} added: ${text(after)}`];
  if (after === undefined) return [`${what}: ${field} removed (was ${text(before)})`];
  return [`${what}: ${field} ${field === 'description' || field === 'title' ? 'reworded' : 'changed'}: ${text(before)} → ${text(after)}`];
}

function typeOf(schema: unknown): string {
  const type = isObj(schema) ? schema['type'] : undefined;
  if (type === undefined) return 'any';
  if (Array.isArray(type)) return type.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))).join(' | ');
  return typeof type === 'string' ? type : JSON.stringify(type);
}

/** The arguments of an input schema: properties, and which are required. */
function argumentChanges(what: string, before: unknown, after: unknown): string[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const props = (s: Obj): Obj => (isObj(s['properties']) ? s['properties'] : {});
  const required = (s: Obj): string[] => (Array.isArray(s['required']) ? s['required'].filter((r): r is string => typeof r === 'string') : []);
  const [bp, ap, br, ar] = [props(b), props(a), required(b), required(a)];
  const out: string[] = [];
  for (const name of [...Object.keys(bp), ...Object.keys(ap).filter((k) => !(k in bp))]) {
    const arg = `${what}: argument "${name}"`;
    if (!(name in ap)) { out.push(`${arg} removed`); continue; }
    if (!(name in bp)) { out.push(`${arg} added (${ar.includes(name) ? 'required' : 'optional'}, ${typeOf(ap[name])})`); continue; }
    if (!br.includes(name) && ar.includes(name)) out.push(`${arg} made required`);
    if (br.includes(name) && !ar.includes(name)) out.push(`${arg} made optional`);
    const [was, is] = [bp[name], ap[name]];
    if (typeOf(was) !== typeOf(is)) out.push(`${arg} type changed: ${typeOf(was)} → ${typeOf(is)}`);
    const rest = (s: unknown): Obj => { const { type: _t, description, ...r } = isObj(s) ? s : {}; return { ...r, description }; };
    const [wasRest, isRest] = [rest(was), rest(is)];
    out.push(...reworded(arg, 'description', wasRest['description'], isRest['description']));
    delete wasRest['description'];
    delete isRest['description'];
    out.push(...jsonChanges(wasRest, isRest).map((c) => `${arg} schema ${describeChange(c)}`));
  }
  const others = (s: Obj): Obj => { const { properties: _p, required: _r, ...r } = s; return r; };
  out.push(...jsonChanges(others(b), others(a)).map((c) => `${what}: inputSchema ${describeChange(c)}`));
  return out;
}

function annotationChanges(what: string, before: unknown, after: unknown): string[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  return [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))].flatMap((k) => reworded(what, `annotation ${k}`, b[k], a[k]));
}

function schemaChanges(what: string, field: string, before: unknown, after: unknown): string[] {
  if (before === undefined || after === undefined) return reworded(what, field, before, after);
  return jsonChanges(before, after).map((c) => `${what}: ${field} ${describeChange(c)}`);
}

const LISTS: ListWords[] = [
  {
    key: 'tools', noun: 'tool', id: 'name',
    members: (what, b, a) => [
      ...reworded(what, 'title', b['title'], a['title']),
      ...reworded(what, 'description', b['description'], a['description']),
      ...argumentChanges(what, b['inputSchema'], a['inputSchema']),
      ...schemaChanges(what, 'outputSchema', b['outputSchema'], a['outputSchema']),
      ...annotationChanges(what, b['annotations'], a['annotations']),
    ],
  },
  {
    key: 'prompts', noun: 'prompt', id: 'name',
    members: (what, b, a) => {
      const args = (p: Obj): Record<string, Obj> => Object.fromEntries(list(p['arguments']).map((x) => [String(x['name']), x]));
      const [ba, aa] = [args(b), args(a)];
      const out = [...reworded(what, 'title', b['title'], a['title']), ...reworded(what, 'description', b['description'], a['description'])];
      for (const name of [...Object.keys(ba), ...Object.keys(aa).filter((k) => !(k in ba))]) {
        const arg = `${what}: argument "${name}"`;
        const was = ba[name];
        const is = aa[name];
        if (!is) out.push(`${arg} removed`);
        else if (!was) out.push(`${arg} added (${is['required'] === true ? 'required' : 'optional'})`);
        else {
          if (was['required'] !== true && is['required'] === true) out.push(`${arg} made required`);
          if (was['required'] === true && is['required'] !== true) out.push(`${arg} made optional`);
          out.push(...reworded(arg, 'description', was['description'], is['description']));
        }
      }
      return out;
    },
  },
  ...(['resources', 'resourceTemplates'] as const).map((key): ListWords => ({
    key, noun: key === 'resources' ? 'resource' : 'resource template', id: key === 'resources' ? 'uri' : 'uriTemplate',
    members: (what, b, a) => ['name', 'title', 'description', 'mimeType'].flatMap((f) => reworded(what, f, b[f], a[f])),
  })),
];

/** One line per change, lists in the order tools, prompts, resources, resource templates. */
export function contractDiff(before: unknown, after: unknown): string[] {
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const out: string[] = [];
  for (const words of LISTS) {
    if (!(words.key in b) && words.key in a) { out.push(`${words.key} now offered`); }
    if (words.key in b && !(words.key in a)) { out.push(`${words.key} no longer offered`); continue; }
    const byId = (v: unknown): Map<string, Obj> => new Map(list(v).map((x) => [String(x[words.id]), x]));
    const [was, is] = [byId(b[words.key]), byId(a[words.key])];
    for (const [id, item] of was) {
      const now = is.get(id);
      const what = `${words.noun} "${id}"`;
      if (!now) out.push(`${what} removed`);
      else out.push(...words.members(what, item, now));
    }
    for (const id of is.keys()) if (!was.has(id)) out.push(`${words.noun} "${id}" added`);
  }
  return out;
}
