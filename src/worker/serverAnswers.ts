// The journey's scripted answers to what servers ask the session: the first `session.elicitation` rule
// whose message matcher, fields and server fit answers an elicitation; `session.sampling` likewise a
// sampling request. What no rule fits is said in words, and the step it came in fails with them.
import type { ElicitationRulePlan, MatcherPlan, SamplingRulePlan, SessionPlan } from '../compile/plan.js';
import type { ScriptedAnswer, ServerAnswers } from '../mcp/types.js';
import { renderMatcher, type Render } from './expect/checks.js';
import { evaluate, show } from './expect/matchers.js';

/** The model a canned sampling reply names when its rule names none. */
const CANNED_MODEL = 'mcp-journeys-canned';

type Obj = Record<string, unknown>;

function isRecord(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function scriptedAnswers(plan: SessionPlan, render: Render): ServerAnswers {
  const answers: ServerAnswers = {};
  const elicitation = plan.elicitation;
  const sampling = plan.sampling;
  if (elicitation) answers.elicit = (server, params) => elicit(elicitation, server, params, render);
  if (sampling) answers.sample = (server, params) => sample(sampling, server, params, render);
  return answers;
}

function holds(matchers: readonly MatcherPlan[], text: string, render: Render): boolean {
  return matchers.every((m) => evaluate(renderMatcher(m, render), { present: true, value: text }).pass);
}

function fieldsOf(schema: unknown): Obj {
  return isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
}

/** The `default` of every field that has one. */
export function schemaDefaults(schema: unknown): Obj {
  const out: Obj = {};
  for (const [name, field] of Object.entries(fieldsOf(schema))) if (isRecord(field) && field['default'] !== undefined) out[name] = field['default'];
  return out;
}

function elicit(rules: readonly ElicitationRulePlan[], server: string, params: Obj, render: Render): ScriptedAnswer {
  const message = typeof params['message'] === 'string' ? params['message'] : '';
  const schema = params['requestedSchema'];
  const fields = Object.keys(fieldsOf(schema));
  const rule = rules.find((r) => (r.server === undefined || r.server === server) && holds(r.message, message, render) && r.fields.every((f) => fields.includes(f)));
  if (!rule) {
    const asked = `${server} asked for input (elicitation/create): ${show(message, 120)}${fields.length > 0 ? ` with fields ${fields.join(', ')}` : ''}`;
    const example = `{ message: ${JSON.stringify(message.slice(0, 40))}, answer: accept${fields.length > 0 ? `, content: { ${fields[0] ?? ''}: … }` : ''} }`;
    return { unanswered: `${asked}; no session.elicitation rule answers it (${rules.map((r) => `${r.name}: ${ruleText(r, render)}`).join('; ')}); add one, e.g. ${example}` };
  }
  const content = rule.content === undefined ? {} : (render(rule.content) as Obj);
  switch (rule.answer) {
    case 'accept': return { rule: rule.name, result: { action: 'accept', content } };
    case 'defaults': return { rule: rule.name, result: { action: 'accept', content: { ...schemaDefaults(schema), ...content } } };
    case 'decline': return { rule: rule.name, result: { action: 'decline' } };
    case 'cancel': return { rule: rule.name, result: { action: 'cancel' } };
  }
}

function ruleText(rule: ElicitationRulePlan | SamplingRulePlan, render: Render): string {
  const matchers = 'message' in rule ? rule.message : rule.prompt;
  const parts = [
    ...(rule.server === undefined ? [] : [`server ${rule.server}`]),
    ...matchers.map((m) => `${'message' in rule ? 'message' : 'prompt'} ${describeMatcher(renderMatcher(m, render))}`),
    ...('fields' in rule && rule.fields.length > 0 ? [`fields ${rule.fields.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'any';
}

function describeMatcher(m: MatcherPlan): string {
  return evaluate(m, { present: true, value: '' }).expected;
}

/** The text of the last message, whether its content is one item or a list. */
function lastText(params: Obj): string {
  const messages = Array.isArray(params['messages']) ? (params['messages'] as unknown[]) : [];
  const content = isRecord(messages.at(-1)) ? (messages.at(-1) as Obj)['content'] : undefined;
  const items = Array.isArray(content) ? (content as unknown[]) : [content];
  return items.map((c) => (isRecord(c) && typeof c['text'] === 'string' ? c['text'] : '')).join('\n');
}

function sample(rules: readonly SamplingRulePlan[], server: string, params: Obj, render: Render): ScriptedAnswer {
  const prompt = lastText(params);
  const rule = rules.find((r) => (r.server === undefined || r.server === server) && holds(r.prompt, prompt, render));
  if (!rule) {
    return { unanswered: `${server} asked for a completion (sampling/createMessage): ${show(prompt, 120)}; no session.sampling rule answers it (${rules.map((r) => `${r.name}: ${ruleText(r, render)}`).join('; ')})` };
  }
  const text = String(render(rule.reply));
  return { rule: rule.name, result: { role: 'assistant', content: { type: 'text', text }, model: rule.model ?? CANNED_MODEL, stopReason: 'endTurn' } };
}
