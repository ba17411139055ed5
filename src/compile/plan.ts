// The compiled journey: plain, JSON-serialisable data the run stage plays as one Playwright test.
// Templates (`${...}`) are kept as written; the run stage renders them when a step starts.
import type { Labels, OutcomeKind, ServerAction } from '../common/journeyTypes.js';

/** A place in a YAML file (absolute path, 1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type MatcherOp =
  | 'equals'
  | 'contains'
  | 'matches'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'minItems'
  | 'maxItems'
  | 'length'
  | 'exists'
  | 'absent'
  | 'type'
  | 'oneOf'
  | 'schema';

/** One condition on one value; `not` holds when not all of its matchers hold. */
export type MatcherPlan =
  | { op: MatcherOp; expected: unknown; location: SourceLocation }
  | { op: 'not'; matchers: MatcherPlan[]; location: SourceLocation };

/** What a check looks at in a step's outcome. */
export type CheckSubject =
  /** A JSONPath into the result value (`$` for the whole value). */
  | { kind: 'result'; path: string }
  /** The text of a tool error, a protocol error or an unavailable/timeout message. */
  | { kind: 'message' }
  /** Connection attempts needed by the step. */
  | { kind: 'attempts' }
  /** The progress notifications of the step's request: `{ progress, total?, message? }` each. */
  | { kind: 'progress' }
  /** The log messages (`notifications/message`) received during the step, one line each. */
  | { kind: 'logs' }
  /** Every notification received during the step: `{ method, params }` each. */
  | { kind: 'notifications' };

export interface CheckPlan {
  subject: CheckSubject;
  matcher: MatcherPlan;
  location: SourceLocation;
}

export interface LatencyBudgetPlan {
  maxMs: number;
  warnMs?: number;
  location: SourceLocation;
}

export interface ExpectationPlan {
  /** The outcome the step must have (ok unless the journey says otherwise). */
  outcome: OutcomeKind;
  outcomeLocation: SourceLocation;
  checks: CheckPlan[];
  latency?: LatencyBudgetPlan;
}

export interface SavePlan {
  name: string;
  /** JSONPath into the step's result. */
  path: string;
  location: SourceLocation;
}

export interface EventuallyPlan {
  intervalMs: number;
  timeoutMs: number;
  until: CheckPlan[];
  failIf: CheckPlan[];
  location: SourceLocation;
}

interface StepPlanBase {
  title: string;
  location: SourceLocation;
  /** Per-call timeout for call-like steps; the step's deadline for others. */
  timeoutMs?: number;
}

/** Steps that produce an outcome that can be expected and saved from. */
interface OutcomeStepBase extends StepPlanBase {
  expect: ExpectationPlan;
  save: SavePlan[];
  eventually?: EventuallyPlan;
}

export interface CallStepPlan extends OutcomeStepBase {
  kind: 'call';
  server: string;
  tool: string;
  args: Record<string, unknown>;
  /** Cancel the request this long after it was sent. */
  cancelAfterMs?: number;
  /** Repeat the call and record a Performance Benchmark Result. */
  benchmark?: BenchmarkPlan;
}

export interface BenchmarkPlan {
  iterations: number;
  warmup: number;
  concurrency: number;
  targetP95Ms?: number;
  operation?: string;
  location: SourceLocation;
}

export interface LoadSpecPlan {
  profile: 'normal' | 'stress' | 'spike' | 'soak';
  sessions: number;
  rampUpMs?: number;
  durationMs?: number;
  iterations?: number;
  thinkTimeMs: number;
  thresholds: { p95Ms?: number; errorRate?: number };
  location: SourceLocation;
}

export interface ReadStepPlan extends OutcomeStepBase {
  kind: 'read';
  server: string;
  uri: string;
}

export interface ListToolsStepPlan extends OutcomeStepBase {
  kind: 'list_tools';
  server: string;
}

/** The protocol's other requests (src/mcp/protocol.ts); templates in their strings are rendered at run time. */
export interface ListPromptsStepPlan extends OutcomeStepBase {
  kind: 'list_prompts';
  server: string;
}

export interface GetPromptStepPlan extends OutcomeStepBase {
  kind: 'get_prompt';
  server: string;
  name: string;
  args: Record<string, unknown>;
}

export interface ListResourcesStepPlan extends OutcomeStepBase {
  kind: 'list_resources';
  server: string;
}

export interface ListResourceTemplatesStepPlan extends OutcomeStepBase {
  kind: 'list_resource_templates';
  server: string;
}

export interface CompleteStepPlan extends OutcomeStepBase {
  kind: 'complete';
  server: string;
  ref: { prompt: string } | { resource: string };
  argument: string;
  value: string;
  context: Record<string, unknown>;
}

export interface PingStepPlan extends OutcomeStepBase {
  kind: 'ping';
  server: string;
}

export interface SubscribeStepPlan extends OutcomeStepBase {
  kind: 'subscribe';
  server: string;
  uri: string;
}

export interface UnsubscribeStepPlan extends OutcomeStepBase {
  kind: 'unsubscribe';
  server: string;
  uri: string;
}

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

export interface ParallelStepPlan extends StepPlanBase {
  kind: 'parallel';
  /** Simulated sessions that each run the steps; absent: the steps run at once on the journey's session. */
  sessions?: number;
  steps: StepPlan[];
}

export interface IncludeStepPlan extends StepPlanBase {
  kind: 'include';
  /** The fragment as the author wrote it, and where it is. */
  fragment: string;
  fragmentFile: string;
  /** Variables visible inside the fragment only (templates rendered in the including scope). */
  bindings: Record<string, unknown>;
  steps: StepPlan[];
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

type EveryStepPlan =
  | CallStepPlan | ReadStepPlan | ListToolsStepPlan | ProtocolStepPlan | SqlStepPlan | HttpStepPlan | FaultStepPlan | ServerStepPlan
  | WaitStepPlan | WaitForStepPlan | ParallelStepPlan | IncludeStepPlan | ReferencesStepPlan | ScratchRepoStepPlan | FileStepPlan
  | RootsStepPlan;

/** The protocol requests a step can send besides tools/call and resources/read. */
export type ProtocolStepPlan =
  | ListPromptsStepPlan | GetPromptStepPlan | ListResourcesStepPlan | ListResourceTemplatesStepPlan | CompleteStepPlan | PingStepPlan
  | SubscribeStepPlan | UnsubscribeStepPlan;

type ByKind<P extends { kind: string }> = { [Plan in P as Plan['kind']]: Plan };

/** Each step kind and its plan; a kind missing from a registry keyed by these is a compile error. Keyed
 * by each plan's own `kind`, so the kind names are written once (load/journey.ts's StepDocs). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface, so a probe can add a kind by declaration merging
export interface StepPlans extends ByKind<EveryStepPlan> {}

/** Fails to compile when a plan is filed under a kind other than its own. */
type FiledByKind<T extends { [K in keyof T]: { kind: K } }> = T;

export type StepPlanKind = keyof FiledByKind<StepPlans>;

export type StepPlan = StepPlans[StepPlanKind];


export interface PhasePlan {
  /** Where `setup_steps:` / `test_steps:` / `teardown_steps:` is written (undefined when absent). */
  location?: SourceLocation;
  steps: StepPlan[];
}

export type AssertionPlan =
  | { kind: 'latency'; step: string; maxMs?: number; p95Ms?: number; location: SourceLocation }
  | { kind: 'outcome'; step: string; is: OutcomeKind; location: SourceLocation }
  | { kind: 'that'; template: string; matchers: MatcherPlan[]; location: SourceLocation };

export interface SessionPlan {
  callTimeoutMs?: number;
  startupTimeoutMs?: number;
  maxOutputTokens?: number;
  /** false: structuredContent is not checked against the tool's outputSchema. */
  checkOutputSchema?: boolean;
  reconnect?: { attempts?: number; initialDelayMs?: number; maxDelayMs?: number };
  client?: ClientPlan;
  roots?: RootPlan[];
  elicitation?: ElicitationRulePlan[];
  sampling?: SamplingRulePlan[];
}

/** `session.client`: a Claude Code release, and what of it is overridden. */
export interface ClientPlan {
  release?: string;
  capabilities?: Record<string, unknown>;
  clientInfo?: { name: string; version: string };
  protocolVersion?: string;
}

export type ElicitationAnswer = 'accept' | 'defaults' | 'decline' | 'cancel';

interface AnswerRuleBase {
  /** `session.elicitation[0]`: how reports and messages name the rule. */
  name: string;
  location: SourceLocation;
  server?: string;
}

export interface ElicitationRulePlan extends AnswerRuleBase {
  /** All must hold on the request's message; none: any message. */
  message: MatcherPlan[];
  /** Fields the requested schema must have. */
  fields: string[];
  answer: ElicitationAnswer;
  /** Templates kept; rendered when the request comes. */
  content?: Record<string, unknown>;
}

export interface SamplingRulePlan extends AnswerRuleBase {
  /** All must hold on the text of the request's last message. */
  prompt: MatcherPlan[];
  reply: string;
  model?: string;
}

export interface JourneyPlan {
  testId: string;
  /** `test_name`, and for an instance of a matrix its servers: `Search [codebase-mcp: codebase-mcp-stdio]`. */
  title: string;
  /** One instance of a matrix: each key's server → the server it stands for here. */
  instance?: Record<string, string>;
  description: string;
  /** Absolute path of the journey file. */
  file: string;
  /** Path relative to the journeys directory, with forward slashes. */
  relativeFile: string;
  /** Where `test_name` is written: the Playwright test's location. */
  location: SourceLocation;
  /** The first folder under the journeys directory: a Playwright project. */
  folder: string;
  /** Playwright tags, each starting with `@`. */
  tags: string[];
  annotations: { type: string; description: string }[];
  labels: Labels;
  timeoutMs?: number;
  retries?: number;
  servers: string[];
  session: SessionPlan;
  vars: Record<string, unknown>;
  /** test_steps repeated as a benchmark (a Performance Benchmark Result per operation). */
  benchmark?: BenchmarkPlan;
  /** test_steps played by many concurrent sessions (a Load Test Result). */
  load?: LoadSpecPlan;
  setup: PhasePlan;
  test: PhasePlan;
  teardown: PhasePlan;
  assertions: AssertionPlan[];
}
