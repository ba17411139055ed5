// What every step plan is built from: places, expectations, captures.
import type { OutcomeKind } from '../common/journeyTypes.js';

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

export interface SnapshotPlan {
  name: string;
  ignore: string[];
  /** JSONPath → placeholder. */
  mask: Record<string, string>;
  volatile: boolean;
  location: SourceLocation;
  /** How a mismatch is told: changed JSONPaths, or a contract's changes in words (tool added, argument made required …). */
  diff: 'json' | 'contract';
}

export interface ExpectationPlan {
  /** The outcome the step must have (ok unless the journey says otherwise). */
  outcome: OutcomeKind;
  outcomeLocation: SourceLocation;
  checks: CheckPlan[];
  latency?: LatencyBudgetPlan;
  snapshot?: SnapshotPlan;
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

export interface StepPlanBase {
  title: string;
  location: SourceLocation;
  /** Per-call timeout for call-like steps; the step's deadline for others. */
  timeoutMs?: number;
}

/** Steps that produce an outcome that can be expected and saved from. */
export interface OutcomeStepBase extends StepPlanBase {
  expect: ExpectationPlan;
  save: SavePlan[];
  eventually?: EventuallyPlan;
}

