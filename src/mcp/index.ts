// The session layer's public API: the run stage and the CLI import from here only.
export type * from './types.js';
export { loadMcpConfig, parseMcpConfig, resolveMcpConfigPath, McpConfigError } from './mcpConfig.js';
export { openSession } from './session.js';
export { configuredServers, missingServers } from './serverNames.js';
export { DEFAULT_SESSION_OPTIONS, sessionOptionsFromEnv } from './options.js';
export { CLIENT_INFO, describeAddress } from './connect.js';
