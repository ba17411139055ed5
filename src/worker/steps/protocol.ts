// The protocol's other requests (prompts, resource lists and templates, completions, ping, subscriptions)
// are played alike: render the step's strings, send one request, expect and save from its result. Only the
// request differs, so the kinds share this executor and each has its row in the table below.
import type { ProtocolStepPlan } from '../../compile/plan.js';
import type { ProtocolRequest } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

type Render = (value: unknown) => unknown;
type Kind = ProtocolStepPlan['kind'];

/** MCP sends prompt and completion arguments as strings. */
function strings(values: Record<string, unknown>, render: Render): Record<string, string> {
  const rendered = render(values) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(rendered).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

const text = (value: string, render: Render): string => String(render(value));

const requests: { [K in Kind]: (step: Extract<ProtocolStepPlan, { kind: K }>, render: Render) => ProtocolRequest } = {
  list_prompts: () => ({ method: 'prompts/list' }),
  get_prompt: (s, r) => ({ method: 'prompts/get', params: { name: text(s.name, r), arguments: strings(s.args, r) } }),
  list_resources: () => ({ method: 'resources/list' }),
  list_resource_templates: () => ({ method: 'resources/templates/list' }),
  complete: (s, r) => {
    const ref = 'prompt' in s.ref ? { type: 'ref/prompt' as const, name: text(s.ref.prompt, r) } : { type: 'ref/resource' as const, uri: text(s.ref.resource, r) };
    const context = Object.keys(s.context).length > 0 ? { context: { arguments: strings(s.context, r) } } : {};
    return { method: 'completion/complete', params: { ref, argument: { name: s.argument, value: text(s.value, r) }, ...context } };
  },
  ping: () => ({ method: 'ping' }),
  subscribe: (s, r) => ({ method: 'resources/subscribe', params: { uri: text(s.uri, r) } }),
  unsubscribe: (s, r) => ({ method: 'resources/unsubscribe', params: { uri: text(s.uri, r) } }),
};

export async function runProtocolStep(step: ProtocolStepPlan, ctx: RunContext): Promise<void> {
  const build = requests[step.kind] as (s: ProtocolStepPlan, r: Render) => ProtocolRequest;
  await playOutcomeStep(step, ctx, async () => {
    const request = build(step, ctx.scope.render);
    const outcome = await ctx.session.request(step.server, request, callOptions(step.timeoutMs, ctx));
    return { ...outcome, request: { kind: 'mcp', server: step.server, request } };
  }, { server: step.server });
}
