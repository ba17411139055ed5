// Plans of the steps that send one MCP request: calls, reads and the rest of the protocol.
import type { OutcomeStepBase, SourceLocation } from './planBase.js';

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
  profile: 'normal' | 'stress' | 'spike' | 'soak' | 'breaking_point' | 'churn';
  sessions: number;
  /** breaking_point: the first level, the sessions added per level, how long each level is held. */
  startSessions?: number;
  stepSessions?: number;
  levelMs?: number;
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

/** The server's tools, prompts and resources against `contract-<server>.json` (its expect holds that snapshot). */
export interface ContractStepPlan extends OutcomeStepBase {
  kind: 'contract';
  server: string;
}

export interface UnsubscribeStepPlan extends OutcomeStepBase {
  kind: 'unsubscribe';
  server: string;
  uri: string;
}

