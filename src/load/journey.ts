// The journey document as authors write it. schemas/journey.schema.json is the contract; these types
// mirror it by hand (style.md rule 5: the schema is never generated from these, nor these from it).
// A value typed JourneyDoc has passed schema validation.
import type { Labels, OutcomeKind, ServerAction } from '../common/journeyTypes.js';

/** Milliseconds as a number, or a string such as "500ms", "2s", "1.5s", "1m". */
export type Duration = number | string;

export type { Labels, OutcomeKind, ServerAction } from '../common/journeyTypes.js';

/** How the simulated Claude Code session behaves; defaults come from MCP_TOOL_TIMEOUT, MCP_TIMEOUT and
 * MAX_MCP_OUTPUT_TOKENS as Claude Code reads them. */
export interface SessionOptionsDoc {
  call_timeout?: Duration;
  startup_timeout?: Duration;
  max_output_tokens?: number;
  check_output_schema?: boolean;
  reconnect?: { attempts?: number; initial_delay?: Duration; max_delay?: Duration };
  client?: ClientDoc;
  roots?: RootDoc[];
  elicitation?: ElicitationRuleDoc[];
  sampling?: SamplingRuleDoc[];
}

/** Which Claude Code the session is in `initialize`. */
export interface ClientDoc {
  release?: string;
  capabilities?: Record<string, unknown>;
  client_info?: { name: string; version: string };
  protocol_version?: string;
}

/** A path (or `file://` URI), or one with a name. */
export type RootDoc = string | { path: string; name?: string };

export type ElicitationAnswer = 'accept' | 'defaults' | 'decline' | 'cancel';

export interface ElicitationRuleDoc {
  message?: string | MatcherObject;
  fields?: string[];
  server?: string;
  answer: ElicitationAnswer;
  content?: Record<string, unknown>;
}

export interface SamplingRuleDoc {
  prompt?: string | MatcherObject;
  server?: string;
  reply: string;
  model?: string;
}

export interface BenchmarkDoc {
  /** Measured repetitions, at least 10. */
  iterations: number;
  warmup?: number;
  /** Concurrent calls while measuring (each from its own session). */
  concurrency?: number;
  /** The benchmark passes when its p95 is at or under this. */
  target_p95_ms?: number;
  /** The operation name recorded in the Performance Benchmark Result (defaults to the tool name). */
  operation?: string;
}

export type LoadProfile = 'normal' | 'stress' | 'spike' | 'soak' | 'breaking_point' | 'churn';

export interface LoadDoc {
  profile?: LoadProfile;
  /** Concurrent simulated Claude Code sessions at peak. */
  sessions: number;
  ramp_up?: Duration;
  duration?: Duration;
  /** Iterations of test_steps per session; used when duration is absent. */
  iterations?: number;
  think_time?: Duration;
  /** breaking_point: sessions at the first level, added at each level, and how long a level is held. */
  start?: number;
  step?: number;
  level_duration?: Duration;
  thresholds?: { p95_ms?: number; error_rate?: number };
}

export type JsonScalar = string | number | boolean | null;

/** A literal (scalar) means `equals`. Several keys in one object must all hold. */
export type MatcherDoc = JsonScalar | MatcherObject;

export interface MatcherObject {
  equals?: unknown;
  contains?: unknown;
  matches?: string;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  minItems?: number;
  maxItems?: number;
  length?: number;
  exists?: boolean;
  absent?: boolean;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  oneOf?: unknown[];
  not?: MatcherDoc;
  schema?: Record<string, unknown>;
}

/** JSONPath (starting with `$`) → matcher. */
export type ResultMatchers = Record<string, MatcherDoc>;

export interface LatencyBudgetDoc {
  max: number;
  warn?: number;
}

export interface ExpectDoc {
  outcome?: OutcomeKind;
  /** Tool error (`isError: true`); a string means the error text contains it. */
  error?: string | MatcherObject;
  unavailable?: boolean;
  timeout?: boolean;
  protocol_error?: boolean | string | MatcherObject;
  result?: ResultMatchers;
  /** JSON Schema for the whole result. */
  schema?: Record<string, unknown>;
  /** A number is shorthand for `{ max: n }`. */
  latency_ms?: number | LatencyBudgetDoc;
  /** Connection attempts the step needed (1 when no reconnect happened). */
  attempts?: MatcherDoc;
  /** The progress notifications the call received, a list of `{ progress, total?, message? }`. */
  progress?: MatcherDoc;
  /** The log messages received during the step, one `level: text` line each; a string means it contains it. */
  logs?: string | MatcherObject;
  /** Every notification received during the step, a list of `{ method, params }`. */
  notifications?: MatcherDoc;
  /** Compare the result with a stored snapshot; a string is the snapshot's name. */
  snapshot?: string | SnapshotDoc;
}

export interface SnapshotDoc {
  name: string;
  /** JSONPaths left out. */
  ignore?: string[];
  /** JSONPath → placeholder. */
  mask?: Record<string, string>;
  /** Mask UUIDs, timestamps, durations and the run id (default true). */
  volatile?: boolean;
}

export interface EventuallyDoc {
  interval?: Duration;
  timeout: Duration;
  /** Stop polling with success once every matcher holds. */
  until: ResultMatchers;
  /** Stop polling with a failure as soon as every matcher holds. */
  fail_if?: ResultMatchers;
}

interface StepCommon {
  /** Step title in Playwright and Allure; a default is derived from the step. */
  name?: string;
  /** For call-like steps: the per-call timeout; for others: the step's deadline. */
  timeout?: Duration;
  /** Variable name → JSONPath into the step's result. */
  save?: Record<string, string>;
  expect?: ExpectDoc;
}

export interface CallStepDoc extends StepCommon {
  /** `server.tool` or `mcp__server__tool`. */
  call: string;
  args?: Record<string, unknown>;
  eventually?: EventuallyDoc;
  /** Cancel the call this long after it was sent (`notifications/cancelled`, as Esc in Claude Code). */
  cancel_after?: Duration;
  benchmark?: BenchmarkDoc;
}

export interface ReadStepDoc extends StepCommon {
  read: { server: string; uri: string };
  eventually?: EventuallyDoc;
}

export interface ListToolsStepDoc extends StepCommon {
  list_tools: string;
}

export interface ListPromptsStepDoc extends StepCommon {
  list_prompts: string;
  eventually?: EventuallyDoc;
}

export type PromptArgs = Record<string, string | number | boolean>;

export interface GetPromptStepDoc extends StepCommon {
  get_prompt: { server: string; name: string; args?: PromptArgs };
  eventually?: EventuallyDoc;
}

export interface ListResourcesStepDoc extends StepCommon {
  list_resources: string;
  eventually?: EventuallyDoc;
}

export interface ListResourceTemplatesStepDoc extends StepCommon {
  list_resource_templates: string;
  eventually?: EventuallyDoc;
}

export interface CompleteStepDoc extends StepCommon {
  /** Exactly one of `prompt` and `resource` (a resource template's uriTemplate). */
  complete: { server: string; prompt?: string; resource?: string; argument: string; value?: string; context?: PromptArgs };
  eventually?: EventuallyDoc;
}

export interface PingStepDoc extends StepCommon {
  ping: string;
  eventually?: EventuallyDoc;
}

export interface SubscribeStepDoc extends StepCommon {
  subscribe: { server: string; uri: string };
}

export interface UnsubscribeStepDoc extends StepCommon {
  unsubscribe: { server: string; uri: string };
}

export interface SqlStepDoc extends StepCommon {
  sql: {
    /** A named database connection from the run's configuration (the stack names them after servers). */
    connection: string;
    /** Database on that connection's cluster, e.g. a per-project database captured from a tool result. */
    database?: string;
    query: string;
    params?: unknown[];
  };
  eventually?: EventuallyDoc;
}

export interface HttpStepDoc extends StepCommon {
  http: { server: string; path: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown };
  eventually?: EventuallyDoc;
}

export type FaultTarget = string;

export interface FaultDoc {
  /** Proxy name: `codebase-mcp`, `codebase-mcp.db`, `workflow-mcp`, `workflow-mcp.db`. */
  target?: FaultTarget;
  /** Remove faults: a target, a list of targets, or `all`. */
  clear?: string | string[];
  down?: boolean;
  latency?: { ms: number; jitter?: number };
  bandwidth?: { kbps: number };
  slow_close?: { delay_ms: number };
  timeout?: { ms: number };
  reset_peer?: { timeout_ms?: number };
  slicer?: { average_size: number; size_variation?: number; delay_us?: number };
  limit_data?: { bytes: number };
  direction?: 'downstream' | 'upstream' | 'both';
  toxicity?: number;
  /** How long the fault lasts: `next` step, `{ steps: n }`, `{ until: <step name> }`, or until `clear`
   * (the default). A `duration` lifts it after wall-clock time instead. */
  scope?: 'next' | 'until_clear' | { steps: number } | { until: string };
  duration?: Duration;
}

export interface FaultStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  fault: FaultDoc;
}

export interface ServerStepDoc extends StepCommon {
  server: {
    action: ServerAction;
    /** One managed server, a list, or `both`. */
    target: string | string[];
    wait_ready?: boolean;
    /** Start an extra instance on this port (e.g. one already in use) instead of the managed one. */
    port?: number | string;
    env?: Record<string, string>;
  };
}

export interface WaitStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  wait: Duration;
}

export interface WaitForStepDoc extends StepCommon {
  wait_for: {
    server: string;
    /** e.g. `notifications/resources/updated`. */
    method: string;
    /** Must be contained in the notification's params. */
    params?: Record<string, unknown>;
  };
}

export interface ParallelStepDoc extends Omit<StepCommon, 'save'> {
  /** Steps at once on the same session, or `{ sessions, steps }`: n simulated sessions each run the steps. */
  parallel: StepDoc[] | { sessions: number; steps: StepDoc[] };
}

export interface IncludeStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  /** Path of a fragment, relative to the including file. */
  include: string;
  with?: Record<string, unknown>;
}

export interface ReferencesStepDoc extends Omit<StepCommon, 'save'> {
  references: {
    /** Variables holding captured references (a string or an array of strings each). */
    vars: string[];
    /** The issuing server's resolving tool, e.g. `codebase-mcp.get_code_chunks`. */
    resolve: string;
    /** Argument that receives the id list (default `chunk_ids`). */
    ids_arg?: string;
    /** JSONPath to the ids the server still knows (default `$.chunks[*].chunk_id`). */
    found?: string;
    args?: Record<string, unknown>;
    expect: { valid?: string[]; stale?: string[]; valid_count?: number; stale_count?: number };
  };
}

export interface ScratchRepoStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  /** Copy `fixtures/repos/<from>` into a per-journey temp directory; its path is saved under `save_as`. */
  scratch_repo: { from: string; save_as: string };
}

export interface FileStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  file: { path: string; write?: string; append?: string; delete?: boolean };
}

export interface RootsStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  roots: RootDoc[] | { add?: RootDoc[]; remove?: RootDoc[] };
}

/** `contract: server`: the server's tools, prompts and resources against their stored snapshot. */
export interface ContractStepDoc extends Omit<StepCommon, 'save' | 'expect'> {
  contract: string;
}

/** Each step kind and its document: the one list of kinds (src/load/stepKinds.ts gives each its facts). */
export interface StepDocs {
  call: CallStepDoc;
  read: ReadStepDoc;
  list_tools: ListToolsStepDoc;
  list_prompts: ListPromptsStepDoc;
  get_prompt: GetPromptStepDoc;
  list_resources: ListResourcesStepDoc;
  list_resource_templates: ListResourceTemplatesStepDoc;
  complete: CompleteStepDoc;
  ping: PingStepDoc;
  subscribe: SubscribeStepDoc;
  unsubscribe: UnsubscribeStepDoc;
  contract: ContractStepDoc;
  sql: SqlStepDoc;
  http: HttpStepDoc;
  fault: FaultStepDoc;
  server: ServerStepDoc;
  wait: WaitStepDoc;
  wait_for: WaitForStepDoc;
  parallel: ParallelStepDoc;
  include: IncludeStepDoc;
  references: ReferencesStepDoc;
  scratch_repo: ScratchRepoStepDoc;
  file: FileStepDoc;
  roots: RootsStepDoc;
}

/** Fails to compile when a kind's document does not hold its spec under the kind's own key. */
type KeyedByKind<T extends { [K in keyof T]: Record<K, unknown> }> = T;

export type StepKind = keyof KeyedByKind<StepDocs>;

export type StepDoc = StepDocs[StepKind];

export type AssertionDoc =
  | { latency: { step: string; max_ms?: number; p95_ms?: number } }
  | { outcome: { step: string; is: OutcomeKind } }
  | ({ that: string } & MatcherObject);

export interface JourneyDoc {
  test_id: string;
  test_name: string;
  description: string;
  servers_required: string[];
  /** A server of servers_required → the servers it stands for, one instance each. */
  matrix?: Record<string, string[]>;
  tags?: string[];
  labels?: Labels;
  timeout?: Duration;
  retries?: number;
  vars?: Record<string, unknown>;
  session?: SessionOptionsDoc;
  benchmark?: BenchmarkDoc;
  load?: LoadDoc;
  setup_steps?: StepDoc[];
  test_steps: StepDoc[];
  assertions?: AssertionDoc[];
  teardown_steps?: StepDoc[];
}

/** A fragment under journeys/_shared/, brought in by `include`. */
export interface FragmentDoc {
  description?: string;
  /** Variables the fragment expects from `with`, with optional defaults (null: required). */
  params?: Record<string, unknown>;
  steps: StepDoc[];
}
