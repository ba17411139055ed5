// The step kinds, one row each, with what the stages other than the kind's own compiler and executor need
// to know about it. The row order is the schema's (schemas/journey.schema.json, `$defs.step`): a step
// with two kind keys is the first of them. test/unit/stepKinds.test.ts holds the two lists together.
import { FAULT_TOXICS } from '../common/journeyTypes.js';
import { parseToolName } from '../common/toolName.js';
import type { FaultDoc, RootDoc, StepDoc, StepDocs, StepKind } from './journey.js';
import type { DocPath } from './loadedFile.js';

/** A server a step names. */
export interface ServerUse {
  server: string;
  /** Where the name is, relative to the step: a string value and the offset of the name in it. */
  path: DocPath;
  offset: number;
  tool?: { name: string; offset: number };
  /** The step talks to the server over MCP (or HTTP), so the session must connect to it. */
  talks: boolean;
}

/** A variable a kind's own spec defines (every kind's `save:` is not one of these). */
export interface SavedName {
  name: string;
  /** Relative to the step. */
  path: DocPath;
}

export interface StepKindFacts<K extends StepKind> {
  /** The step's title when it has no `name` (the document passed validation). */
  title(doc: StepDocs[K]): string;
  /** The validator asks before the document is known to be valid: `spec` is whatever is under the kind's key. */
  saves(spec: unknown): SavedName[];
  /** Servers the spec names, given the configured ones (to split `server.tool`); `spec` is unvalidated. */
  servers(spec: unknown, known: readonly string[]): ServerUse[];
}

type Obj = Record<string, unknown>;

function isRecord(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const QUERY_PREVIEW = 48;

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function faultTitle(fault: FaultDoc): string {
  if (fault.clear !== undefined) return `fault clear ${([] as string[]).concat(fault.clear).join(', ')}`;
  const kinds = FAULT_TOXICS.filter((k) => fault[k] !== undefined);
  const detail = fault.latency ? `latency ${fault.latency.ms}ms` : kinds.join(', ');
  return `fault ${fault.target ?? ''} ${detail}`.replace(/\s+/g, ' ').trim();
}

const none = (): [] => [];

function tool(name: unknown, path: DocPath, known: readonly string[]): ServerUse[] {
  if (typeof name !== 'string') return [];
  const ref = parseToolName(name, known);
  if (!ref) return [];
  const offset = name.startsWith('mcp__') ? 5 : 0;
  return [{ server: ref.server, path, offset, tool: { name: ref.tool, offset: name.length - ref.tool.length }, talks: true }];
}

function named(value: unknown, path: DocPath, talks: boolean): ServerUse[] {
  return typeof value === 'string' && value !== '' ? [{ server: value, path, offset: 0, talks }] : [];
}

/** A fault names a server through its link: `codebase-mcp.db` is codebase-mcp's database link. */
function faultServers(spec: unknown): ServerUse[] {
  if (!isRecord(spec)) return [];
  const target = typeof spec['target'] === 'string' ? spec['target'].replace(/\.db$/, '') : undefined;
  const clear = spec['clear'];
  const cleared = Array.isArray(clear) ? (clear as unknown[]).map((c, i) => ({ c, path: ['fault', 'clear', i] })) : [{ c: clear, path: ['fault', 'clear'] }];
  return [
    ...named(target, ['fault', 'target'], false),
    ...cleared.flatMap(({ c, path }) => (typeof c === 'string' && c !== 'all' ? named(c.replace(/\.db$/, ''), path, false) : [])),
  ];
}

function serverServers(spec: unknown): ServerUse[] {
  if (!isRecord(spec)) return [];
  const target = spec['target'];
  if (Array.isArray(target)) return target.flatMap((t, i) => named(t, ['server', 'target', i], false));
  return target === 'both' ? [] : named(target, ['server', 'target'], false);
}

export const STEP_KIND_FACTS: { readonly [K in StepKind]: StepKindFacts<K> } = {
  call: {
    title: (d) => `call ${d.call}`,
    saves: none,
    servers: (spec, known) => tool(spec, ['call'], known),
  },
  read: {
    title: (d) => `read ${d.read.server} ${d.read.uri}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['read', 'server'], true) : []),
  },
  list_tools: {
    title: (d) => `list_tools ${d.list_tools}`,
    saves: none,
    servers: (spec) => named(spec, ['list_tools'], true),
  },
  list_prompts: {
    title: (d) => `list_prompts ${d.list_prompts}`,
    saves: none,
    servers: (spec) => named(spec, ['list_prompts'], true),
  },
  get_prompt: {
    title: (d) => `get_prompt ${d.get_prompt.server} ${d.get_prompt.name}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['get_prompt', 'server'], true) : []),
  },
  list_resources: {
    title: (d) => `list_resources ${d.list_resources}`,
    saves: none,
    servers: (spec) => named(spec, ['list_resources'], true),
  },
  list_resource_templates: {
    title: (d) => `list_resource_templates ${d.list_resource_templates}`,
    saves: none,
    servers: (spec) => named(spec, ['list_resource_templates'], true),
  },
  complete: {
    title: ({ complete: c }) => `complete ${c.server} ${c.prompt ?? c.resource ?? ''} ${c.argument}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['complete', 'server'], true) : []),
  },
  ping: {
    title: (d) => `ping ${d.ping}`,
    saves: none,
    servers: (spec) => named(spec, ['ping'], true),
  },
  subscribe: {
    title: (d) => `subscribe ${d.subscribe.server} ${d.subscribe.uri}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['subscribe', 'server'], true) : []),
  },
  unsubscribe: {
    title: (d) => `unsubscribe ${d.unsubscribe.server} ${d.unsubscribe.uri}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['unsubscribe', 'server'], true) : []),
  },
  contract: {
    title: (d) => `contract ${d.contract}`,
    saves: none,
    servers: (spec) => named(spec, ['contract'], true),
  },
  sql: {
    title: (d) => `sql ${d.sql.connection}: ${oneLine(d.sql.query, QUERY_PREVIEW)}`,
    saves: none,
    servers: none,
  },
  http: {
    title: (d) => `http ${d.http.method ?? 'GET'} ${d.http.server} ${d.http.path}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['http', 'server'], true) : []),
  },
  fault: {
    title: (d) => faultTitle(d.fault),
    saves: none,
    servers: faultServers,
  },
  server: {
    title: (d) => `server ${d.server.action} ${([] as string[]).concat(d.server.target).join(', ')}`,
    saves: none,
    servers: serverServers,
  },
  wait: {
    title: (d) => `wait ${String(d.wait)}`,
    saves: none,
    servers: none,
  },
  wait_for: {
    title: (d) => `wait_for ${d.wait_for.server} ${d.wait_for.method}`,
    saves: none,
    servers: (spec) => (isRecord(spec) ? named(spec['server'], ['wait_for', 'server'], true) : []),
  },
  parallel: {
    title: ({ parallel: p }) => (Array.isArray(p) ? `parallel: ${p.length} steps` : `parallel: ${p.sessions} sessions × ${p.steps.length} steps`),
    saves: none,
    servers: none,
  },
  include: {
    title: (d) => `include ${d.include}`,
    saves: none,
    servers: none,
  },
  references: {
    title: (d) => `references ${d.references.vars.join(', ')} via ${d.references.resolve}`,
    saves: none,
    servers: (spec, known) => (isRecord(spec) ? tool(spec['resolve'], ['references', 'resolve'], known) : []),
  },
  scratch_repo: {
    title: (d) => `scratch_repo ${d.scratch_repo.from}`,
    saves: (spec) => (isRecord(spec) && typeof spec['save_as'] === 'string' ? [{ name: spec['save_as'], path: ['scratch_repo', 'save_as'] }] : []),
    servers: none,
  },
  file: {
    title: ({ file: f }) => `file ${f.delete ? 'delete' : f.append !== undefined ? 'append' : 'write'} ${f.path}`,
    saves: none,
    servers: none,
  },
  roots: {
    title: ({ roots: r }) => (Array.isArray(r) ? `roots ${rootList(r)}` : `roots ${[r.add ? `add ${rootList(r.add)}` : '', r.remove ? `remove ${rootList(r.remove)}` : ''].filter(Boolean).join(', ')}`),
    saves: none,
    servers: none,
  },
};

function rootList(roots: readonly RootDoc[]): string {
  return roots.length === 0 ? '(none)' : roots.map((r) => (typeof r === 'string' ? r : r.path)).join(', ');
}

export const STEP_KINDS = Object.keys(STEP_KIND_FACTS) as readonly StepKind[];

/** A step's kind is its first kind key, in the table's order. */
export function kindOf(step: unknown): StepKind | undefined {
  return isRecord(step) ? STEP_KINDS.find((k) => k in step) : undefined;
}

export function factsOf<K extends StepKind>(kind: K): StepKindFacts<K> {
  return STEP_KIND_FACTS[kind];
}

/** The title of a step without `name`; the kind is the document's own. */
export function defaultTitle(kind: StepKind, doc: StepDoc): string {
  const facts: StepKindFacts<StepKind> = STEP_KIND_FACTS[kind];
  return facts.title(doc);
}
