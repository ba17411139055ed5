// Session defaults from Claude Code's environment variables, for callers without a journey's `session:`.
import type { SessionOptions } from './types.js';

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  callTimeoutMs: 30_000,
  startupTimeoutMs: 30_000,
  maxOutputTokens: 25_000,
  reconnect: { attempts: 5, initialDelayMs: 1000, maxDelayMs: 30_000 },
};

/** MCP_TOOL_TIMEOUT, MCP_TIMEOUT (ms) and MAX_MCP_OUTPUT_TOKENS over the defaults, then `overrides`. */
export function sessionOptionsFromEnv(env: Record<string, string | undefined> = process.env, overrides: Partial<SessionOptions> = {}): SessionOptions {
  return {
    callTimeoutMs: positive(env['MCP_TOOL_TIMEOUT']) ?? DEFAULT_SESSION_OPTIONS.callTimeoutMs,
    startupTimeoutMs: positive(env['MCP_TIMEOUT']) ?? DEFAULT_SESSION_OPTIONS.startupTimeoutMs,
    maxOutputTokens: positive(env['MAX_MCP_OUTPUT_TOKENS']) ?? DEFAULT_SESSION_OPTIONS.maxOutputTokens,
    ...overrides,
    reconnect: { ...DEFAULT_SESSION_OPTIONS.reconnect, ...overrides.reconnect },
  };
}

function positive(raw: string | undefined): number | undefined {
  const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
