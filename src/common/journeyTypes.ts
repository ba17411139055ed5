// Words of the journey language that both the documents (src/load) and the plan (src/compile) speak, so
// the run stage can use them without importing the loader.

export type OutcomeKind = 'ok' | 'tool_error' | 'unavailable' | 'timeout' | 'protocol_error' | 'cancelled';

export type Severity = 'blocker' | 'critical' | 'normal' | 'minor' | 'trivial';

export interface Labels {
  epic?: string;
  feature?: string;
  story?: string;
  severity?: Severity;
  owner?: string;
  suite?: string;
}

export type ServerAction = 'stop' | 'start' | 'restart' | 'kill';

/** The toxics a fault step can add, in the order a fault document is read. */
export const FAULT_TOXICS = ['down', 'latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data'] as const;
