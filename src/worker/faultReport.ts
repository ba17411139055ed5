// Shows on a step which faults were in force, and how its latency splits into what a latency toxic
// injected and what the server and the session took on their own.
import type { StepNotes } from '../report/stepNotes.js';
import type { StepRecord } from './context.js';

export function describeFaults(record: StepRecord, notes: StepNotes): void {
  if (!record.faults?.length || record.kind === 'fault') return;
  notes.parameter('faults', record.faults.join('; '));
  // A call cut short (timeout, lost connection) measured the cut, not the server: no split.
  if (record.injectedMs === undefined || record.latencyMs === undefined || (record.outcome !== 'ok' && record.outcome !== 'tool_error')) return;
  notes.parameter('injected_ms', String(Math.round(record.injectedMs)));
  notes.parameter('observed_ms', String(Math.max(0, Math.round(record.latencyMs - record.injectedMs))));
}
