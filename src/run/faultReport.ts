// Shows on a step which faults were in force, and how its latency splits into what a latency toxic
// injected and what the server and the session took on their own.
import { getGlobalTestRuntimeWithAutoconfig } from 'allure-js-commons/sdk/runtime';
import type { StepRecord } from './context.js';

export async function describeFaults(record: StepRecord): Promise<void> {
  if (!record.faults?.length || record.kind === 'fault') return;
  const runtime = await getGlobalTestRuntimeWithAutoconfig();
  await runtime.stepParameter('faults', record.faults.join('; '));
  // A call cut short (timeout, lost connection) measured the cut, not the server: no split.
  if (record.injectedMs === undefined || record.latencyMs === undefined || (record.outcome !== 'ok' && record.outcome !== 'tool_error')) return;
  await runtime.stepParameter('injected_ms', String(Math.round(record.injectedMs)));
  await runtime.stepParameter('observed_ms', String(Math.max(0, Math.round(record.latencyMs - record.injectedMs))));
}
