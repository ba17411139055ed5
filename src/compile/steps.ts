// Step documents → step plans. Includes are expanded here, with the fragment's own file and lines, so
// the run stage never reads YAML.
import { dirname, resolve } from 'node:path';
import { durationMs } from '../common/duration.js';
import type {
  CallStepDoc, EventuallyDoc, ExpectDoc, FileStepDoc, HttpStepDoc, IncludeStepDoc, ListToolsStepDoc, ParallelStepDoc, ReadStepDoc,
  ReferencesStepDoc, ScratchRepoStepDoc, ServerStepDoc, SqlStepDoc, StepDoc, StepKind, WaitStepDoc,
} from '../load/journey.js';
import { compileEventually, compileExpect } from './expectations.js';
import { compileBenchmark } from './perf.js';
import type { ReferenceExpectation, SavePlan, StepPlan } from './plan.js';
import { Locator } from './source.js';
import type { CompileInput, DocPath } from './source.js';
import { defaultTitle } from './titles.js';
import { parseToolName } from '../common/toolName.js';

const KINDS: readonly StepKind[] = [
  'call', 'read', 'list_tools', 'sql', 'http', 'fault', 'server', 'wait', 'parallel', 'include', 'references',
  'scratch_repo', 'file',
];

/** Fragments nested deeper than this are a cycle the validator missed. */
const MAX_INCLUDE_DEPTH = 32;

export function stepKind(doc: StepDoc): StepKind {
  const kind = KINDS.find((k) => k in doc);
  if (!kind) throw new Error(`step has none of the keys ${KINDS.join(', ')}`);
  return kind;
}

export interface StepContext {
  input: CompileInput;
  /** The file the steps are written in. */
  file: string;
  loc: Locator;
  depth: number;
}

export function compileSteps(docs: StepDoc[] | undefined, at: DocPath, ctx: StepContext): StepPlan[] {
  return (docs ?? []).map((doc, i) => compileStep(doc, [...at, i], ctx));
}

function compileSave(save: Record<string, string> | undefined, at: DocPath, loc: Locator): SavePlan[] {
  return Object.entries(save ?? {}).map(([name, path]) => ({ name, path, location: loc.key([...at, 'save', name]) }));
}

export function compileStep(doc: StepDoc, at: DocPath, ctx: StepContext): StepPlan {
  const kind = stepKind(doc);
  const location = ctx.loc.at(at);
  const base = { title: doc.name ?? defaultTitle(kind, doc), location, ...(doc.timeout !== undefined ? { timeoutMs: durationMs(doc.timeout) } : {}) };
  const outcome = (d: { expect?: ExpectDoc; save?: Record<string, string>; eventually?: EventuallyDoc }) => {
    const common = { expect: compileExpect(d.expect, [...at, 'expect'], location, ctx.loc), save: compileSave(d.save, at, ctx.loc) };
    const eventually = compileEventually(d.eventually, [...at, 'eventually'], ctx.loc);
    return eventually ? { ...common, eventually } : common;
  };
  switch (kind) {
    case 'call': {
      const d = doc as CallStepDoc;
      const ref = parseToolName(d.call, ctx.input.doc.servers_required) ?? { server: '', tool: d.call };
      const benchmark = compileBenchmark(d.benchmark, [...at, 'benchmark'], ctx.loc);
      return { kind, ...base, ...outcome(d), server: ref.server, tool: ref.tool, args: d.args ?? {}, ...(benchmark ? { benchmark } : {}) };
    }
    case 'read': {
      const d = doc as ReadStepDoc;
      return { kind, ...base, ...outcome(d), server: d.read.server, uri: d.read.uri };
    }
    case 'list_tools':
    {
      const d = doc as ListToolsStepDoc;
      return { kind, ...base, ...outcome(d), server: d.list_tools };
    }
    case 'sql': {
      const d = doc as SqlStepDoc;
      const plan = { kind, ...base, ...outcome(d), connection: d.sql.connection, query: d.sql.query, params: d.sql.params ?? [] };
      return d.sql.database === undefined ? plan : { ...plan, database: d.sql.database };
    }
    case 'wait':
      return { kind, ...base, ms: durationMs((doc as WaitStepDoc).wait) };
    case 'parallel': {
      const p = (doc as ParallelStepDoc).parallel;
      if (Array.isArray(p)) return { kind, ...base, steps: compileSteps(p, [...at, 'parallel'], ctx) };
      return { kind, ...base, sessions: p.sessions, steps: compileSteps(p.steps, [...at, 'parallel', 'steps'], ctx) };
    }
    case 'include':
      return compileInclude(doc as IncludeStepDoc, base, ctx);
    case 'http': {
      const d = doc as HttpStepDoc;
      const plan = { kind, ...base, ...outcome(d), server: d.http.server, path: d.http.path, method: d.http.method ?? 'GET', headers: d.http.headers ?? {} };
      return d.http.body === undefined ? plan : { ...plan, body: d.http.body };
    }
    case 'references': {
      const d = doc as ReferencesStepDoc;
      const r = d.references;
      const ref = parseToolName(r.resolve, ctx.input.doc.servers_required) ?? { server: '', tool: r.resolve };
      return {
        kind, ...base, ...outcome({ expect: d.expect }), vars: r.vars, server: ref.server, tool: ref.tool,
        idsArg: r.ids_arg ?? 'chunk_ids', found: r.found ?? '$.chunks[*].chunk_id', args: r.args ?? {},
        references: referenceExpectation(r.expect, [...at, 'references', 'expect'], ctx.loc),
      };
    }
    case 'scratch_repo': {
      const r = (doc as ScratchRepoStepDoc).scratch_repo;
      return { kind, ...base, from: r.from, saveAs: r.save_as, saveLocation: ctx.loc.key([...at, 'scratch_repo', 'save_as']) };
    }
    case 'file': {
      const f = (doc as FileStepDoc).file;
      return {
        kind, ...base, path: f.path, ...(f.write === undefined ? {} : { write: f.write }), ...(f.append === undefined ? {} : { append: f.append }),
        ...(f.delete === undefined ? {} : { delete: f.delete }),
      };
    }
    default: {
      // fault and server: a server step that starts an extra instance is expected like a call.
      const d = doc as ServerStepDoc;
      const spec = (doc as unknown as Record<string, unknown>)[kind];
      return { kind, ...base, spec, expect: compileExpect(d.expect, [...at, 'expect'], location, ctx.loc), save: compileSave(d.save, at, ctx.loc) };
    }
  }
}

function referenceExpectation(doc: ReferencesStepDoc['references']['expect'], at: DocPath, loc: Locator): ReferenceExpectation {
  const plan: ReferenceExpectation = { locations: {} };
  if (doc.valid !== undefined) { plan.valid = doc.valid; plan.locations.valid = loc.key([...at, 'valid']); }
  if (doc.stale !== undefined) { plan.stale = doc.stale; plan.locations.stale = loc.key([...at, 'stale']); }
  if (doc.valid_count !== undefined) { plan.validCount = doc.valid_count; plan.locations.validCount = loc.key([...at, 'valid_count']); }
  if (doc.stale_count !== undefined) { plan.staleCount = doc.stale_count; plan.locations.staleCount = loc.key([...at, 'stale_count']); }
  return plan;
}

function compileInclude(doc: IncludeStepDoc, base: Pick<StepPlan, 'title' | 'location' | 'timeoutMs'>, ctx: StepContext): StepPlan {
  const fragmentFile = resolve(dirname(ctx.file), doc.include);
  const fragment = ctx.input.fragments.get(fragmentFile);
  if (!fragment) throw new Error(`${ctx.file}: fragment ${doc.include} (${fragmentFile}) was not loaded`);
  if (ctx.depth >= MAX_INCLUDE_DEPTH) throw new Error(`${ctx.file}: includes nest deeper than ${MAX_INCLUDE_DEPTH}`);
  const bindings: Record<string, unknown> = {};
  for (const [name, fallback] of Object.entries(fragment.doc.params ?? {})) {
    if (fallback !== null && fallback !== undefined) bindings[name] = fallback;
  }
  Object.assign(bindings, doc.with ?? {});
  const inner: StepContext = { input: ctx.input, file: fragmentFile, loc: new Locator(fragmentFile, fragment.source), depth: ctx.depth + 1 };
  return {
    kind: 'include',
    ...base,
    fragment: doc.include,
    fragmentFile,
    bindings,
    steps: compileSteps(fragment.doc.steps, ['steps'], inner),
  };
}
