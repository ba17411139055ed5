// The session layer's API for the other stages: the values they use come from here; run/ takes some of
// its types straight from types.ts.
export type * from './types.js';
export { loadMcpConfig, resolveMcpConfigPath } from './mcpConfig.js';
export { openSession } from './session.js';
export { configuredServers, missingServers } from './serverNames.js';
export { DEFAULT_SESSION_OPTIONS, sessionOptionsFromEnv } from './options.js';
export { CLAUDE_CODE_RELEASES, claudeCodeProfile, DEFAULT_CLAUDE_CODE_RELEASE, isClaudeCodeRelease } from './claudeCode.js';
