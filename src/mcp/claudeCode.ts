// What Claude Code says about itself in `initialize`, per release, in one place. A journey picks a release
// with `session.client.release` (or the run with MCP_JOURNEYS_CLAUDE_CODE) and may override any part.
//
// Sources (stored public material, looked up for this table):
// - 2.0.73 sent `{"protocolVersion":"2025-11-25","capabilities":{"roots":{}},"clientInfo":{"name":"claude-code","version":"2.0.73"}}`
//   (a server's wire log, github.com/cl-ai-project/cl-mcp/issues/26);
// - elicitation is declared since 2.1.76 (modelcontextprotocol/modelcontextprotocol#2398, after Claude Code's changelog);
// - since 2.1.203 Claude Code answers `roots/list` with every working directory and sends
//   `notifications/roots/list_changed` when they change (anthropics/claude-code#75445, #42643).
// - sampling is never declared: the CLI uses the SDK's client, which answers a request it has no handler
//   for with -32601 Method not found (what servers report of Claude Code, e.g. typescript-sdk#738).
// Inferred, not observed: 2.0.0's protocol version (the newest spec when it shipped, 2025-06-18), and
// `roots.listChanged` from 2.1.203 (the SDK refuses to send the notification without it, so a release
// that sends it declares it).
import type { ClientProfile } from './types.js';

interface Release {
  protocolVersion: string;
  capabilities: Record<string, unknown>;
}

const RELEASES = {
  '2.0.0': { protocolVersion: '2025-06-18', capabilities: { roots: {} } },
  '2.1.76': { protocolVersion: '2025-11-25', capabilities: { roots: {}, elicitation: {} } },
  '2.1.203': { protocolVersion: '2025-11-25', capabilities: { roots: { listChanged: true }, elicitation: {} } },
} as const satisfies Record<string, Release>;

export type ClaudeCodeRelease = keyof typeof RELEASES;

export const CLAUDE_CODE_RELEASES = Object.keys(RELEASES) as ClaudeCodeRelease[];

/** The newest release in the table: the one a session is unless told otherwise. */
export const DEFAULT_CLAUDE_CODE_RELEASE: ClaudeCodeRelease = '2.1.203';

export function isClaudeCodeRelease(value: string): value is ClaudeCodeRelease {
  return Object.hasOwn(RELEASES, value);
}

/** What a session sends in `initialize` as `release`; the build suffix says it is a simulation. */
export function claudeCodeProfile(release: ClaudeCodeRelease = DEFAULT_CLAUDE_CODE_RELEASE): ClientProfile {
  const r: Release = RELEASES[release];
  return {
    release,
    clientInfo: { name: 'claude-code', version: `${release}+mcp-journeys` },
    protocolVersion: r.protocolVersion,
    capabilities: structuredClone(r.capabilities),
  };
}
