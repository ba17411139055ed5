// Plans of the steps that act beside MCP: SQL, HTTP, waits, files, faults, servers and roots.
import type { ServerAction } from '../common/journeyTypes.js';
import type { ExpectationPlan, OutcomeStepBase, SavePlan, SourceLocation, StepPlanBase } from './planBase.js';

export interface SqlStepPlan extends OutcomeStepBase {
  kind: 'sql';
  connection: string;
  database?: string;
  query: string;
  params: unknown[];
}

export interface WaitStepPlan extends StepPlanBase {
  kind: 'wait';
  ms: number;
}

/** Waits for a notification; its result is the notification's params. `timeoutMs` is always set. */
export interface WaitForStepPlan extends OutcomeStepBase {
  kind: 'wait_for';
  server: string;
  method: string;
  /** A sub-object the params must contain; templates rendered when the step starts. */
  params?: Record<string, unknown>;
}

/** `http: { server, path }` against the server's base URL; the result is `{ status, body, headers }`. */
export interface HttpStepPlan extends OutcomeStepBase {
  kind: 'http';
  server: string;
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
}

/** What a references step expects: variables by name, or counts of references. */
export interface ReferenceExpectation {
  valid?: string[];
  stale?: string[];
  validCount?: number;
  staleCount?: number;
  /** Where each of `valid`, `stale`, `valid_count`, `stale_count` is written. */
  locations: Partial<Record<'valid' | 'stale' | 'validCount' | 'staleCount', SourceLocation>>;
}

/** Resolves captured references through the issuing server's tool; `save` is always empty. */
export interface ReferencesStepPlan extends OutcomeStepBase {
  kind: 'references';
  vars: string[];
  server: string;
  tool: string;
  idsArg: string;
  /** JSONPath to the ids the server still knows. */
  found: string;
  args: Record<string, unknown>;
  references: ReferenceExpectation;
}

export interface ScratchRepoStepPlan extends StepPlanBase {
  kind: 'scratch_repo';
  from: string;
  saveAs: string;
  saveLocation: SourceLocation;
}

export interface FileStepPlan extends StepPlanBase {
  kind: 'file';
  path: string;
  write?: string;
  append?: string;
  delete?: boolean;
}

/** How long a fault lasts, counted in the steps that follow it in the sequence that declared it. */
export type FaultScope = { kind: 'until_clear' } | { kind: 'steps'; count: number } | { kind: 'until'; step: string };

export type ToxicKind = 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'reset_peer' | 'slicer' | 'limit_data';

/** One toxic in Toxiproxy's own attribute names and units; the fault controller names it. */
export interface ToxicPlan {
  type: ToxicKind;
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
}

/** What Toxiproxy is asked for: the link disabled (`down`) or toxics (one per direction). */
export interface FaultRequest {
  /** A stack link: a server, or `<server>.db` for its database. */
  target: string;
  down: boolean;
  toxics: ToxicPlan[];
  scope: FaultScope;
  /** Lifted after this long even if its scope has not ended. */
  durationMs?: number;
  /** What Allure and the step log show, e.g. `codebase-mcp latency 1500ms downstream`. */
  label: string;
}

/** `fault:` adds a fault, or lifts faults (`clear`): the targets named, or every one. */
export interface FaultStepPlan extends StepPlanBase {
  kind: 'fault';
  fault: { op: 'add'; request: FaultRequest } | { op: 'clear'; targets: string[] | 'all' };
}

/** Another instance of a managed server, with overrides; `port` may be a template, rendered at run time. */
export interface ExtraInstancePlan {
  port?: number | string;
  env: Record<string, string>;
}

/** `server:` acts on managed servers; with `extra` it starts another instance, which is expected like a call. */
export interface ServerStepPlan extends StepPlanBase {
  kind: 'server';
  action: ServerAction;
  /** The names as written, or `both`: every managed server. */
  targets: string[] | 'both';
  waitReady: boolean;
  extra?: ExtraInstancePlan;
  expect: ExpectationPlan;
  save: SavePlan[];
}

/** A root as written (templates kept): a path, relative to the runner's working directory, or a `file://` URI. */
export interface RootPlan {
  path: string;
  name?: string;
}

/** `roots:` sets the session's roots (`set`), or adds and removes some, and tells the servers. */
export interface RootsStepPlan extends StepPlanBase {
  kind: 'roots';
  set?: RootPlan[];
  add: RootPlan[];
  remove: RootPlan[];
}
