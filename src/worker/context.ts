// What step executors work with while a journey plays: its session, its variables, and the record of
// what every step did (outcome, latency, attempts) for journey assertions and the report.
import type { CallStepPlan, SourceLocation, StepPlan } from '../compile/plan.js';
import type { CallOutcome, McpConfig, McpSession, OutcomeKind } from '../mcp/types.js';
import type { SqlOutcome, SqlRequest } from '../db/query.js';
import type { JourneyFaults } from './faults.js';
import type { StackServers } from './serverControl.js';
import type { SnapshotHost } from './expect/snapshot.js';
import type { PerfHost } from './perf/host.js';
import type { StepTimeline } from './timeline.js';
import type { Scope } from './variables.js';

export type Phase = 'setup' | 'test' | 'teardown';

export interface StepRecord {
  phase: Phase;
  title: string;
  kind: StepPlan['kind'];
  location: SourceLocation;
  server?: string;
  tool?: string;
  outcome?: OutcomeKind;
  latencyMs?: number;
  totalMs?: number;
  attempts?: number;
  budgetMs?: number;
  warnMs?: number;
  /** references steps: how many captured references still resolve, and how many are stale. */
  valid?: number;
  stale?: number;
  status: 'passed' | 'failed';
  /** For failures: the category reports group by (assertion, latency, unavailable …). */
  category?: string;
  error?: string;
  warning?: string;
  /** Faults in force while the step ran (labels, oldest first). */
  faults?: string[];
  /** Part of latencyMs injected by latency toxics on the step's server link. */
  injectedMs?: number;
}

/** A call sent while the step before it is still being reported. */
export interface Ahead {
  step: CallStepPlan;
  args: Record<string, unknown>;
  outcome: Promise<CallOutcome>;
  /** performance.now() when the request went out. */
  sentAt: number;
}

/** What steps see of the lookahead (lookahead.ts holds the one implementation). */
export interface Lookahead {
  start(next: StepPlan, ctx: RunContext): void;
  take(step: CallStepPlan): Ahead | undefined;
  sentAt(step: StepPlan): number | undefined;
}

export interface RunContext {
  session: McpSession;
  scope: Scope;
  phase: Phase;
  /** Aborted when the test ends early (timeout): in-flight calls and waits stop. */
  signal: AbortSignal;
  records: StepRecord[];
  /** Named PostgreSQL connections (the stack's `databases`). */
  sql(request: SqlRequest): Promise<SqlOutcome>;
  /** The MCP configuration the journey's sessions are opened from (as reached: through fault proxies or
   * not), for load threads that open their own; absent when sessions come from elsewhere. */
  sessionConfig?: McpConfig;
  /** Opens more sessions like the journey's own, for `parallel: { sessions }`. */
  openSessions(count: number): Promise<McpSession[]>;
  /** Plays a step with the same machinery as a top-level one; `next`, the step after it, may be sent ahead. */
  runStep(step: StepPlan, ctx: RunContext, next?: StepPlan): Promise<void>;
  /** The call sent ahead for the next step of a sequence (lookahead.ts). */
  lookahead?: Lookahead;
  /** A non-failing note shown on the test (latency warning thresholds). */
  warn(message: string): void;
  /** The embedded stack's fault proxies; undefined when the servers are not the embedded stack. */
  faults?: JourneyFaults;
  /** The embedded stack's managed servers, for `server` steps. */
  servers?: StackServers;
  /** Where benchmark and load results go (files, report); set by the journey runner. */
  perf?: PerfHost;
  /** Base URL (`http://host:port`) of a server's own HTTP endpoints (/health, /metrics); undefined for stdio. */
  baseUrl(server: string): string | undefined;
  /** When steps started, for wait_for's window; absent: every notification of the session counts. */
  timeline?: StepTimeline;
  /** Where the journey's snapshots are; absent where steps repeat (load and benchmark iterations), which compare none. */
  snapshots?: SnapshotHost;
  /** Runs when the test ends, however it ended, after teardown (e.g. removing a scratch repository). */
  defer(cleanup: () => Promise<void>): void;
}
