// Tool references as journeys write them: `server.tool`, or as Claude Code names them, `mcp__server__tool`.
// Claude Code builds its names as `mcp__<server>__<tool>` with every character outside [A-Za-z0-9_-]
// replaced by `_`, and splits them at the first `__` after the prefix. Server names may contain `-`, `_`
// and `.`, and tool names `.` too (MCP allows it), so both forms are ambiguous on their own; given the
// configured server names, the longest server that matches wins.

export interface ToolRef {
  server: string;
  tool: string;
}

const CLAUDE_PREFIX = 'mcp__';

/** Claude Code's normalisation of a server or tool name inside `mcp__server__tool`. */
export function normalizeNamePart(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** `mcp__server__tool` (Claude Code) or `server.tool`. Undefined when the name has no server part. */
export function parseToolName(name: string, servers?: readonly string[]): ToolRef | undefined {
  return name.startsWith(CLAUDE_PREFIX) ? parseClaude(name.slice(CLAUDE_PREFIX.length), servers) : parseDotted(name, servers);
}

/** The tools a written name can mean: its exact name, or every tool whose Claude Code name it is. More
 * than one is a name Claude Code itself could not tell apart. */
export function toolsNamed(name: string, tools: readonly string[]): string[] {
  const normalised = tools.filter((t) => normalizeNamePart(t) === name);
  if (normalised.length > 0) return normalised;
  return tools.includes(name) ? [name] : [];
}

export function formatToolName(ref: ToolRef, style: 'dotted' | 'claude' = 'dotted'): string {
  return style === 'claude'
    ? `${CLAUDE_PREFIX}${normalizeNamePart(ref.server)}__${normalizeNamePart(ref.tool)}`
    : `${ref.server}.${ref.tool}`;
}

function parseClaude(rest: string, servers: readonly string[] | undefined): ToolRef | undefined {
  const known = longestMatch(rest, '__', servers, normalizeNamePart);
  if (known) return known;
  const split = rest.indexOf('__');
  if (split <= 0 || split + 2 >= rest.length) return undefined;
  return { server: rest.slice(0, split), tool: rest.slice(split + 2) };
}

function parseDotted(name: string, servers: readonly string[] | undefined): ToolRef | undefined {
  const known = longestMatch(name, '.', servers, (s) => s);
  if (known) return known;
  const split = name.indexOf('.');
  if (split <= 0 || split + 1 >= name.length) return undefined;
  return { server: name.slice(0, split), tool: name.slice(split + 1) };
}

/** The configured server whose (possibly normalised) name, followed by `separator`, is the longest prefix. */
function longestMatch(name: string, separator: string, servers: readonly string[] | undefined, form: (server: string) => string): ToolRef | undefined {
  let best: ToolRef | undefined;
  let bestLength = -1;
  for (const server of servers ?? []) {
    const prefix = form(server) + separator;
    if (prefix.length > bestLength && name.length > prefix.length && name.startsWith(prefix)) {
      best = { server, tool: name.slice(prefix.length) };
      bestLength = prefix.length;
    }
  }
  return best;
}
