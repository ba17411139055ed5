// The tools a connection's server listed when it connected (every page), kept per client: calls look up
// the real name behind a Claude Code name, and the outputSchema their results are checked against.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { normalizeNamePart } from '../common/toolName.js';

/** A name that more than one tool normalises to: Claude Code itself could not tell them apart. */
export class AmbiguousToolName extends Error {
  override readonly name = 'AmbiguousToolName';
}

export class ToolList {
  private readonly byName = new Map<string, Tool>();
  private readonly byNormalised = new Map<string, Tool[]>();

  constructor(tools: readonly Tool[]) {
    for (const tool of tools) {
      this.byName.set(tool.name, tool);
      const key = normalizeNamePart(tool.name);
      this.byNormalised.set(key, [...(this.byNormalised.get(key) ?? []), tool]);
    }
  }

  /** The tool a journey means: its exact name, else the one tool whose Claude Code name it is. A name
   * no tool has is sent as written, so the server says what it says about unknown tools. */
  resolve(name: string): string {
    if (this.byName.has(name)) return name;
    const candidates = this.byNormalised.get(name) ?? [];
    if (candidates.length > 1) {
      throw new AmbiguousToolName(`"${name}" is the Claude Code name of ${candidates.length} tools: ${candidates.map((t) => JSON.stringify(t.name)).join(', ')}`);
    }
    return candidates[0]?.name ?? name;
  }

  outputSchema(name: string): unknown {
    return this.byName.get(name)?.outputSchema;
  }
}

const lists = new WeakMap<Client, ToolList>();

export function rememberTools(client: Client, tools: readonly Tool[]): void {
  lists.set(client, new ToolList(tools));
}

/** The tools the client's server listed at connect; an empty list for a server without tools. */
export function toolsOf(client: Client): ToolList {
  return lists.get(client) ?? new ToolList([]);
}
