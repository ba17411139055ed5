// `contract: server`: what a model is told about the server, its tools (name, title, description,
// inputSchema, outputSchema, annotations), prompts, resources and resource templates, as one document
// compared with its snapshot (the step's expect holds it; the differ is contractDiff.ts). A list the
// server does not offer (a JSON-RPC error: it declares no prompts, say) is left out.
import type { ContractStepPlan } from '../../compile/plan.js';
import type { CallOutcome, ProtocolRequest } from '../../mcp/types.js';
import type { RunContext } from '../context.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The members of each item a contract keeps, in this order; `_meta`, icons and the like are not the contract. */
const KEPT = {
  tools: ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'],
  prompts: ['name', 'title', 'description', 'arguments'],
  resources: ['uri', 'name', 'title', 'description', 'mimeType'],
  resourceTemplates: ['uriTemplate', 'name', 'title', 'description', 'mimeType'],
} as const;

type ListKey = keyof typeof KEPT;

const LISTS: { key: Exclude<ListKey, 'tools'>; request: ProtocolRequest }[] = [
  { key: 'prompts', request: { method: 'prompts/list' } },
  { key: 'resources', request: { method: 'resources/list' } },
  { key: 'resourceTemplates', request: { method: 'resources/templates/list' } },
];

function items(key: ListKey, result: unknown): Obj[] {
  const list = isObj(result) ? result[key] : undefined;
  const kept = (Array.isArray(list) ? list.filter(isObj) : []).map((item) => Object.fromEntries(KEPT[key].filter((k) => item[k] !== undefined).map((k) => [k, item[k]])));
  const id = key === 'resources' ? 'uri' : key === 'resourceTemplates' ? 'uriTemplate' : 'name';
  return kept.sort((a, b) => String(a[id]).localeCompare(String(b[id])));
}

export async function runContract(step: ContractStepPlan, ctx: RunContext): Promise<void> {
  await playOutcomeStep(step, ctx, async () => {
    const options = callOptions(step.timeoutMs, ctx);
    const tools = await ctx.session.listTools(step.server, options);
    const contract: Obj = { tools: items('tools', tools.value) };
    let outcome: CallOutcome = tools;
    let latencyMs = tools.latencyMs;
    let totalMs = tools.totalMs;
    if (tools.kind === 'ok') {
      for (const { key, request } of LISTS) {
        const answer = await ctx.session.request(step.server, request, options);
        latencyMs += answer.latencyMs;
        totalMs += answer.totalMs;
        if (answer.kind === 'ok') contract[key] = items(key, answer.value);
        // Unavailable or timed out half-way: the step fails on that, not on a contract missing a list.
        else if (answer.kind !== 'protocol_error') outcome = answer;
      }
    }
    const value = outcome.kind === 'ok' ? contract : outcome.value;
    return { ...outcome, value, raw: value, latencyMs, totalMs, request: { kind: 'mcp', server: step.server, request: { method: 'tools/list, prompts/list, resources/list, resources/templates/list' } } };
  }, { server: step.server });
}
