// A journey's `session:` over Claude Code's environment defaults (MCP_TOOL_TIMEOUT, MCP_TIMEOUT,
// MAX_MCP_OUTPUT_TOKENS), over the runner's own defaults.
import type { SessionPlan } from '../compile/plan.js';
import type { SessionOptions } from '../mcp/types.js';

const DEFAULTS: SessionOptions = {
  callTimeoutMs: 30_000,
  startupTimeoutMs: 30_000,
  // Claude Code's default cap on tool output.
  maxOutputTokens: 25_000,
  reconnect: { attempts: 5, initialDelayMs: 1000, maxDelayMs: 30_000 },
};

function envNumber(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export function sessionOptions(plan: SessionPlan, env: Readonly<Record<string, string | undefined>> = process.env): SessionOptions {
  return {
    callTimeoutMs: plan.callTimeoutMs ?? envNumber(env, 'MCP_TOOL_TIMEOUT') ?? DEFAULTS.callTimeoutMs,
    startupTimeoutMs: plan.startupTimeoutMs ?? envNumber(env, 'MCP_TIMEOUT') ?? DEFAULTS.startupTimeoutMs,
    maxOutputTokens: plan.maxOutputTokens ?? envNumber(env, 'MAX_MCP_OUTPUT_TOKENS') ?? DEFAULTS.maxOutputTokens,
    reconnect: { ...DEFAULTS.reconnect, ...plan.reconnect },
  };
}
