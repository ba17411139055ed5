// `call: server.tool` → the server and tool apart, and the benchmark when the call is repeated.
import { durationMs } from '../../common/duration.js';
import { parseToolName } from '../../common/toolName.js';
import type { CallStepDoc } from '../../load/journey.js';
import { compileBenchmark } from '../perf.js';
import type { CallStepPlan } from '../plan.js';
import { outcomeParts } from './context.js';
import type { StepContext, StepSite } from './context.js';

export function compileCall(d: CallStepDoc, site: StepSite, ctx: StepContext): CallStepPlan {
  const ref = parseToolName(d.call, ctx.input.doc.servers_required) ?? { server: '', tool: d.call };
  const benchmark = compileBenchmark(d.benchmark, [...site.at, 'benchmark'], ctx.loc);
  return {
    kind: 'call', ...site.base, ...outcomeParts(d, site, ctx), server: ref.server, tool: ref.tool, args: d.args ?? {},
    ...(d.cancel_after === undefined ? {} : { cancelAfterMs: durationMs(d.cancel_after) }), ...(benchmark ? { benchmark } : {}),
  };
}
