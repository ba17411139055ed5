// Servers and tools: known to the MCP configuration, declared by the server, and listed in
// servers_required when a step talks to them.
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile, SourceRange } from '../load/loadedFile.js';
import { toolsNamed } from '../common/toolName.js';
import { factsOf } from '../load/stepKinds.js';
import type { ServerUse } from '../load/stepKinds.js';
import type { ExpandedStep } from './expanded.js';
import { distance } from 'fastest-levenshtein';
import { didYouMean } from './suggest.js';
import type { ServerFacts, ValidationContext } from './types.js';
import type { StepRef } from './walk.js';
import { isRecord, walkAllSteps } from './walk.js';

/** The servers a step names, with paths from the document's root. */
export function serverUses(step: StepRef, known: readonly string[]): ServerUse[] {
  if (!step.kind) return [];
  return factsOf(step.kind).servers(step.doc[step.kind], known).map((use) => ({ ...use, path: [...step.path, ...use.path] }));
}

/** Every server a configuration of the project defines, the active one's entries first. */
export function knownServers(context: ValidationContext): Record<string, ServerFacts> | undefined {
  if (!context.servers) return undefined;
  const known = { ...context.servers };
  for (const [name, entry] of Object.entries(context.elsewhere ?? {})) known[name] ??= entry;
  return known;
}

/** Servers and tools checked against the configuration; per file, so a fragment is checked once. */
export function checkServersInFile(source: LoadedFile, fragment: boolean, context: ValidationContext): Diagnostic[] {
  const servers = knownServers(context);
  if (!servers) return [];
  const names = Object.keys(servers);
  const out: Diagnostic[] = [];
  const unknown = (server: string, path: DocPath, offset: number) => {
    const start = source.locateInString(path, offset) ?? source.locate(path)?.start;
    out.push(diagnostic(source.file, 'JOURNEY_UNKNOWN_SERVER', `unknown server "${server}"`, start && { start, end: { line: start.line, column: start.column + server.length } }, {
      expected: `a server of the MCP configuration: ${names.join(', ')}`, found: server,
      hint: didYouMean(server, names) ?? 'add it to the MCP configuration (.mcp.json "mcpServers"), or fix the name',
    }));
  };
  if (!fragment && isRecord(source.value) && Array.isArray(source.value['servers_required'])) {
    source.value['servers_required'].forEach((s, i) => {
      if (typeof s === 'string' && !(s in servers)) unknown(s, ['servers_required', i], 0);
    });
  }
  walkAllSteps(source.value, fragment, (step) => {
    for (const use of serverUses(step, names)) {
      const entry = servers[use.server];
      if (!entry) {
        unknown(use.server, use.path, use.offset);
        continue;
      }
      if (!use.tool || !entry.tools) continue;
      const meant = toolsNamed(use.tool.name, entry.tools);
      if (meant.length === 1) continue;
      const start = source.locateInString(use.path, use.tool.offset) ?? source.locate(use.path)?.start;
      const range = start && { start, end: { line: start.line, column: start.column + use.tool.name.length } };
      if (meant.length > 1) {
        out.push(ambiguousTool(source.file, use.server, use.tool.name, meant, range));
        continue;
      }
      out.push(diagnostic(source.file, 'JOURNEY_UNKNOWN_TOOL', `${use.server} has no tool "${use.tool.name}"`, start && { start, end: { line: start.line, column: start.column + use.tool.name.length } }, {
        expected: `a tool of ${use.server}: ${nearest(use.tool.name, entry.tools)}`, found: use.tool.name,
        hint: didYouMean(use.tool.name, entry.tools) ?? `the MCP configuration declares the tools of ${use.server}; check the name against its list`,
      }));
    }
  });
  return out;
}

/** Every server a step talks to is in servers_required; a fragment's use is reported at its include step. */
export function checkServersRequired(journey: LoadedFile, steps: ExpandedStep[], context: ValidationContext): Diagnostic[] {
  if (!isRecord(journey.value) || !Array.isArray(journey.value['servers_required'])) return [];
  const required = new Set(journey.value['servers_required'].filter((s): s is string => typeof s === 'string'));
  // An empty list is reported as an entity rule; repeating it for every step would be noise.
  if (required.size === 0) return [];
  const known = knownServers(context);
  const names = Object.keys(known ?? {});
  const requiredAt = journey.keyLocate(['servers_required']);
  const out: Diagnostic[] = [];
  for (const { step, source, site } of steps) {
    for (const use of serverUses(step, names)) {
      if (!use.talks || required.has(use.server) || (known && !(use.server in known))) continue;
      const hint = `add ${use.server} to servers_required${requiredAt ? ` (line ${requiredAt.start.line})` : ''}`;
      if (site) {
        out.push(diagnostic(journey.file, 'JOURNEY_SERVER_NOT_REQUIRED', `the included fragment uses server "${use.server}", which is not in servers_required`, site.source.locate([...site.step.path, 'include']), {
          expected: `servers from servers_required: ${[...required].join(', ')}`, found: `${use.server} (${source.file}:${source.locate(use.path)?.start.line ?? 1})`, hint,
        }));
        continue;
      }
      const start = source.locateInString(use.path, use.offset) ?? source.locate(use.path)?.start;
      out.push(diagnostic(source.file, 'JOURNEY_SERVER_NOT_REQUIRED', `server "${use.server}" is used but not listed in servers_required`, start && { start, end: { line: start.line, column: start.column + use.server.length } }, {
        expected: `servers from servers_required: ${[...required].join(', ')}`, found: use.server, hint,
      }));
    }
  }
  out.push(...answerRuleServers(journey, required));
  return out;
}

/** A `session.elicitation` or `session.sampling` rule for a server the session never connects to never answers. */
function answerRuleServers(journey: LoadedFile, required: ReadonlySet<string>): Diagnostic[] {
  const session = isRecord(journey.value) ? journey.value['session'] : undefined;
  if (!isRecord(session)) return [];
  const out: Diagnostic[] = [];
  for (const list of ['elicitation', 'sampling'] as const) {
    const rules = session[list];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      const server = isRecord(rule) ? rule['server'] : undefined;
      if (typeof server !== 'string' || required.has(server)) return;
      out.push(diagnostic(journey.file, 'JOURNEY_SERVER_NOT_REQUIRED', `session.${list}[${i}] answers server "${server}", which is not in servers_required`, journey.locate(['session', list, i, 'server']), {
        expected: `servers from servers_required: ${[...required].join(', ')}`, found: server,
        hint: didYouMean(server, [...required]) ?? `add ${server} to servers_required, or remove server from the rule`,
      }));
    });
  }
  return out;
}

/** Two tools Claude Code names alike: a journey cannot say which it means, and neither can Claude Code. */
export function ambiguousTool(file: string, server: string, name: string, tools: string[], range: SourceRange | undefined): Diagnostic {
  return diagnostic(file, 'JOURNEY_AMBIGUOUS_TOOL', `"${name}" is the Claude Code name of ${tools.length} tools of ${server}`, range, {
    expected: 'a name that means one tool', found: tools.map((t) => JSON.stringify(t)).join(', '),
    hint: `Claude Code replaces every character outside A-Z, a-z, 0-9, _ and - with _, so these tools share one name; rename one of them on the server`,
  });
}

/** A server may have dozens of tools: list the closest few. */
function nearest(name: string, tools: readonly string[]): string {
  const LIMIT = 8;
  if (tools.length <= LIMIT) return tools.join(', ');
  const ranked = [...tools].sort((a, b) => distance(name, a) - distance(name, b) || a.localeCompare(b));
  return `${ranked.slice(0, LIMIT).join(', ')}, … (${tools.length} in all)`;
}
