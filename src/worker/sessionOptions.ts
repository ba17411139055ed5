// A journey's `session:` over Claude Code's environment defaults (MCP_TOOL_TIMEOUT, MCP_TIMEOUT,
// MAX_MCP_OUTPUT_TOKENS), as the session layer reads them.
import type { SessionPlan } from '../compile/plan.js';
import { sessionOptionsFromEnv } from '../mcp/index.js';
import type { SessionOptions } from '../mcp/index.js';

export function sessionOptions(plan: SessionPlan, env: Readonly<Record<string, string | undefined>> = process.env): SessionOptions {
  const base = sessionOptionsFromEnv({ ...env });
  return {
    callTimeoutMs: plan.callTimeoutMs ?? base.callTimeoutMs,
    startupTimeoutMs: plan.startupTimeoutMs ?? base.startupTimeoutMs,
    maxOutputTokens: plan.maxOutputTokens ?? base.maxOutputTokens,
    reconnect: { ...base.reconnect, ...plan.reconnect },
  };
}
