// `server:` — stop, start, restart or kill -9 managed servers of the embedded stack (several at once),
// waiting for readiness unless told not to. Whatever stays down is started again before teardown.
import { messageOf } from '../../common/messageOf.js';
import type { ServerStepPlan } from '../../compile/plan.js';
import type { RunContext, StepRecord } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { noteParameters } from '../journeyReport.js';
import { runExtraInstance } from './extraInstance.js';

export async function runServer(step: ServerStepPlan, ctx: RunContext): Promise<void> {
  const servers = ctx.servers;
  const fail = (message: string, cause?: unknown): JourneyStepError => {
    const error = new JourneyStepError(`${step.title}: ${message}`, 'SERVER_CONTROL', step.location);
    if (cause !== undefined) error.cause = cause;
    return error;
  };
  if (!servers) throw fail('server steps control the embedded stack\'s servers: run with the default fixtures/mcp.json');
  if (step.extra) return runExtraInstance(step, step.extra, ctx);
  const waitReady = step.waitReady;
  const started = performance.now();
  try {
    const targets = servers.resolve(step.targets);
    await servers.act(step.action, targets, waitReady);
    const ms = Math.round(performance.now() - started);
    const entry: StepRecord = {
      phase: ctx.phase, title: step.title, kind: step.kind, location: step.location, status: 'passed',
      server: targets.map((t) => t.name).join(', '), totalMs: ms,
    };
    ctx.records.push(entry);
    const starts = step.action === 'start' || step.action === 'restart';
    const params: [string, string][] = [['action', step.action], ['target', targets.map((t) => t.name).join(', ')]];
    if (starts) params.push(['wait_ready', String(waitReady)]);
    params.push(['took_ms', String(ms)]);
    noteParameters(entry, params);
  } catch (e) {
    throw fail(messageOf(e), e);
  }
}
