// What a load thread (loadThread.ts) and the journey's worker (loadThreads.ts) say to each other. Calls
// travel in batches, never one message per call; sessions starting and stopping are seen in the batch's
// `active`. Everything here is plain data (structured clone).
import type { Builtins, Captured } from '../variables.js';
import type { JourneyPlan } from '../../compile/plan.js';
import type { McpConfig } from '../../mcp/types.js';
import type { Iteration } from './iteration.js';
import type { LoadPlan, SessionWindow } from './profiles.js';

export type ThreadCall = Iteration['calls'][number];

/** workerData of a load thread: what it needs to play its sessions as the worker would. */
export interface ThreadRecipe {
  journey: JourneyPlan;
  /** The journey's MCP configuration as its sessions reach it (fault proxies or not), functions left out. */
  config: McpConfig;
  builtins: Builtins;
  /** The journey's variables when the load starts (setup's saves included). */
  variables: [string, Captured][];
  baseUrls: Record<string, string>;
  schedule: LoadPlan;
  /** This thread's sessions, each with its windows of the schedule. */
  windows: SessionWindow[][];
  /** breaking_point: ask before a session starts whether its level opens. */
  gated: boolean;
}

export type ToThread =
  | { type: 'go'; start: number }
  | { type: 'opened'; id: number; go: boolean }
  | { type: 'flush'; id: number }
  | { type: 'stop' }
  | { type: 'abort'; reason: string };

export interface ThreadTotals {
  examples: string[];
  connections: { opened: number; closed: number; failed: number };
}

export type FromThread =
  | { type: 'ready' }
  | { type: 'calls'; calls: ThreadCall[]; active: number; changes: [number, number][] }
  | { type: 'opens'; id: number; startMs: number }
  | { type: 'flushed'; id: number }
  | { type: 'done'; totals: ThreadTotals }
  | { type: 'failed'; message: string; stack?: string };
