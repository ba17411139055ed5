// `session.client`, `session.roots`, `session.elicitation` and `session.sampling` → their plans, and the
// roots a `roots` step names. Templates stay as written; the run stage renders them.
import type { ElicitationRuleDoc, MatcherObject, RootDoc, SamplingRuleDoc, SessionOptionsDoc } from '../load/journey.js';
import { compileMatcher } from './expectations.js';
import type { ClientPlan, ElicitationRulePlan, MatcherPlan, RootPlan, SamplingRulePlan, SessionPlan } from './plan.js';
import type { DocPath, Locator } from './source.js';

type ClientOptionsPlan = Pick<SessionPlan, 'client' | 'roots' | 'elicitation' | 'sampling'>;

export function compileClientOptions(doc: SessionOptionsDoc, loc: Locator): ClientOptionsPlan {
  const plan: ClientOptionsPlan = {};
  if (doc.client) plan.client = compileClient(doc.client);
  if (doc.roots) plan.roots = compileRoots(doc.roots);
  if (doc.elicitation) plan.elicitation = doc.elicitation.map((rule, i) => compileElicitationRule(rule, ['session', 'elicitation', i], loc));
  if (doc.sampling) plan.sampling = doc.sampling.map((rule, i) => compileSamplingRule(rule, ['session', 'sampling', i], loc));
  return plan;
}

export function compileRoots(docs: readonly RootDoc[]): RootPlan[] {
  return docs.map((d) => (typeof d === 'string' ? { path: d } : { path: d.path, ...(d.name === undefined ? {} : { name: d.name }) }));
}

function compileClient(doc: NonNullable<SessionOptionsDoc['client']>): ClientPlan {
  const plan: ClientPlan = {};
  if (doc.release !== undefined) plan.release = doc.release;
  if (doc.capabilities !== undefined) plan.capabilities = doc.capabilities;
  if (doc.client_info !== undefined) plan.clientInfo = { name: doc.client_info.name, version: doc.client_info.version };
  if (doc.protocol_version !== undefined) plan.protocolVersion = doc.protocol_version;
  return plan;
}

/** A string means "contains", as `expect.error` reads one. */
function textMatcher(doc: string | MatcherObject | undefined, at: DocPath, loc: Locator): MatcherPlan[] {
  if (doc === undefined) return [];
  return typeof doc === 'string' ? [{ op: 'contains', expected: doc, location: loc.key(at) }] : compileMatcher(doc, at, loc);
}

function name(at: DocPath): string {
  return `${at.slice(0, -1).join('.')}[${String(at[at.length - 1])}]`;
}

function compileElicitationRule(doc: ElicitationRuleDoc, at: DocPath, loc: Locator): ElicitationRulePlan {
  const plan: ElicitationRulePlan = {
    name: name(at), location: loc.at(at), message: textMatcher(doc.message, [...at, 'message'], loc), fields: doc.fields ?? [], answer: doc.answer,
  };
  if (doc.server !== undefined) plan.server = doc.server;
  if (doc.content !== undefined) plan.content = doc.content;
  return plan;
}

function compileSamplingRule(doc: SamplingRuleDoc, at: DocPath, loc: Locator): SamplingRulePlan {
  const plan: SamplingRulePlan = { name: name(at), location: loc.at(at), prompt: textMatcher(doc.prompt, [...at, 'prompt'], loc), reply: doc.reply };
  if (doc.server !== undefined) plan.server = doc.server;
  if (doc.model !== undefined) plan.model = doc.model;
  return plan;
}
