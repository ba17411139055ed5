// `server: { action: start, target, port | env }` — starts *another* instance of a managed server with
// overrides (a port already in use, a broken setting) and reports how it ended, without touching the
// managed one. Exiting before ready is a tool-error-like outcome whose message is what the process said,
// so `expect: { error: "Address already in use" }` reads the way the failure does; becoming ready is ok.
import type { ExtraInstancePlan, ServerStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { playOutcomeStep } from './outcomeStep.js';
import type { Played } from './outcomeStep.js';

/** `port: in_use` — the port the managed instance itself listens on. */
export const PORT_IN_USE = 'in_use';
const DEFAULT_TIMEOUT_MS = 30_000;

function portOf(value: unknown, fail: (message: string) => Error): number | undefined {
  if (value === undefined || value === PORT_IN_USE) return undefined;
  const port = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw fail(`port must be 0-65535 or "${PORT_IN_USE}", got ${JSON.stringify(value)}`);
  return port;
}

export async function runExtraInstance(step: ServerStepPlan, extra: ExtraInstancePlan, ctx: RunContext): Promise<void> {
  const fail = (message: string): JourneyStepError => new JourneyStepError(`${step.title}: ${message}`, 'RUNTIME', step.location);
  if (step.action !== 'start') throw fail(`port and env start an extra instance: use action: start, not ${step.action}`);
  if (!ctx.servers) throw fail('extra instances need the embedded stack: run with the default fixtures/mcp.json');
  const targets = ctx.servers.resolve(step.targets);
  const [server] = targets;
  if (!server || targets.length !== 1) throw fail('an extra instance is started for one server at a time');
  const port = portOf(ctx.scope.render(extra.port), fail);
  const env = ctx.scope.render(extra.env) as Record<string, string>;

  await playOutcomeStep(step, ctx, async (): Promise<Played> => {
    const result = await server.startExtra({ ...(port === undefined ? {} : { port }), env, timeoutMs: step.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    const value = { exit_code: result.exitCode, signal: result.signal, ready: result.ready, elapsed_ms: Math.round(result.elapsedMs), stderr: result.stderr };
    const timing = { latencyMs: result.elapsedMs, totalMs: result.elapsedMs, attempts: [] };
    if (result.ready) return { kind: 'ok', value, ...timing };
    const said = result.stderr.trim() || `exited with code ${String(result.exitCode)}${result.signal ? ` (${result.signal})` : ''}`;
    return { kind: 'tool_error', value: said, message: said, ...timing };
  }, { server: server.name });
}
