// `server.tool` or Claude Code's `mcp__server__tool`.
// TODO(A2): switch to src/common/toolName.ts once the session layer lands it, so both agree.

export function splitToolName(name: string): { server: string; tool: string } {
  const claude = /^mcp__(.+?)__(.+)$/.exec(name);
  if (claude) return { server: claude[1] ?? '', tool: claude[2] ?? '' };
  const dot = name.indexOf('.');
  if (dot <= 0) return { server: '', tool: name };
  return { server: name.slice(0, dot), tool: name.slice(dot + 1) };
}
