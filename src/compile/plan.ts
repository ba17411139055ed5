// The compiled journey: plain, JSON-serialisable data the run stage plays as one Playwright test.
// Templates (`${...}`) are kept as written; the run stage renders them when a step starts.
import type { Labels, OutcomeKind } from '../common/journeyTypes.js';
import type { MatcherPlan, SourceLocation, StepPlanBase } from './planBase.js';
import type {
  FaultStepPlan, FileStepPlan, HttpStepPlan, ReferencesStepPlan, RootPlan, RootsStepPlan,
  ScratchRepoStepPlan, ServerStepPlan, SqlStepPlan, WaitForStepPlan, WaitStepPlan,
} from './planActions.js';
import type {
  BenchmarkPlan, CallStepPlan, CompleteStepPlan, GetPromptStepPlan, ListPromptsStepPlan, ListResourcesStepPlan,
  ListResourceTemplatesStepPlan, ListToolsStepPlan, LoadSpecPlan, PingStepPlan, ReadStepPlan, SubscribeStepPlan, UnsubscribeStepPlan,
  ContractStepPlan,
} from './planRequests.js';

export type * from './planBase.js';
export type * from './planActions.js';
export type * from './planRequests.js';

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


type EveryStepPlan =
  | CallStepPlan | ReadStepPlan | ListToolsStepPlan | ProtocolStepPlan | SqlStepPlan | HttpStepPlan | FaultStepPlan | ServerStepPlan
  | WaitStepPlan | WaitForStepPlan | ParallelStepPlan | IncludeStepPlan | ReferencesStepPlan | ScratchRepoStepPlan | FileStepPlan
  | RootsStepPlan | ContractStepPlan;

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
