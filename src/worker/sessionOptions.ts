// A journey's `session:` over Claude Code's environment defaults (MCP_TOOL_TIMEOUT, MCP_TIMEOUT,
// MAX_MCP_OUTPUT_TOKENS, and the release in MCP_JOURNEYS_CLAUDE_CODE), as the session layer reads them.
import type { ClientPlan, SessionPlan } from '../compile/plan.js';
import { CLAUDE_CODE_RELEASES, claudeCodeProfile, DEFAULT_CLAUDE_CODE_RELEASE, isClaudeCodeRelease, sessionOptionsFromEnv } from '../mcp/index.js';
import type { ClientProfile, SessionOptions } from '../mcp/index.js';
import type { Render } from './expect/checks.js';
import { defaultRoots, toRoot } from './roots.js';
import { scriptedAnswers } from './serverAnswers.js';

/** The run's Claude Code release, for journeys that do not pick one. */
export const CLAUDE_CODE_ENV = 'MCP_JOURNEYS_CLAUDE_CODE';

const keep: Render = (value) => value;

export function sessionOptions(plan: SessionPlan, env: Readonly<Record<string, string | undefined>> = process.env, render: Render = keep): SessionOptions {
  const base = sessionOptionsFromEnv({ ...env });
  const options: SessionOptions = {
    callTimeoutMs: plan.callTimeoutMs ?? base.callTimeoutMs,
    startupTimeoutMs: plan.startupTimeoutMs ?? base.startupTimeoutMs,
    maxOutputTokens: plan.maxOutputTokens ?? base.maxOutputTokens,
    reconnect: { ...base.reconnect, ...plan.reconnect },
    client: clientProfile(plan, env),
    roots: plan.roots ? plan.roots.map((r) => toRoot(r, render)) : defaultRoots(),
  };
  if (plan.elicitation || plan.sampling) options.answers = scriptedAnswers(plan, render);
  if (plan.checkOutputSchema !== undefined) options.checkOutputSchema = plan.checkOutputSchema;
  return options;
}

function clientProfile(plan: SessionPlan, env: Readonly<Record<string, string | undefined>>): ClientProfile {
  const client: ClientPlan = plan.client ?? {};
  const release = client.release ?? releaseFromEnv(env[CLAUDE_CODE_ENV]);
  // The schema allows only known releases; this guards a plan made some other way.
  const profile = claudeCodeProfile(isClaudeCodeRelease(release) ? release : DEFAULT_CLAUDE_CODE_RELEASE);
  if (client.capabilities) profile.capabilities = structuredClone(client.capabilities);
  if (client.clientInfo) profile.clientInfo = { ...client.clientInfo };
  if (client.protocolVersion) profile.protocolVersion = client.protocolVersion;
  if (client.capabilities || client.clientInfo || client.protocolVersion) profile.release = `${profile.release} (overridden)`;
  // A canned reply is only ever asked for by a server that sees the capability.
  if (plan.sampling && profile.capabilities['sampling'] === undefined) profile.capabilities['sampling'] = {};
  return profile;
}

function releaseFromEnv(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return DEFAULT_CLAUDE_CODE_RELEASE;
  const release = value.trim();
  if (!isClaudeCodeRelease(release)) {
    throw new Error(`${CLAUDE_CODE_ENV}=${release} is not a Claude Code release this runner knows (known: ${CLAUDE_CODE_RELEASES.join(', ')})`);
  }
  return release;
}
