// Steps that need more of a server than its name: a `server` step needs a server the runner starts itself
// (it cannot stop what it did not start), an `http` step one with an HTTP address (stdio has none).
// Judged against the active configuration only, on the journeys it runs: one that needs a server only
// other configurations define is skipped here, so its steps are not judged.
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile } from '../load/loadedFile.js';
import type { ExpandedStep } from './expanded.js';
import type { ValidationContext } from './types.js';
import { isRecord } from './walk.js';

interface Target {
  server: string;
  path: DocPath;
  /** What the step says there: the name, or `both`. */
  written: string;
}

/** `both` stands for every server the journey requires. */
function serverTargets(spec: unknown, required: readonly string[]): Target[] {
  if (!isRecord(spec)) return [];
  const target = spec['target'];
  if (target === 'both') return required.map((server) => ({ server, path: ['server', 'target'], written: 'both' }));
  if (typeof target === 'string') return [{ server: target, path: ['server', 'target'], written: target }];
  if (!Array.isArray(target)) return [];
  return target.flatMap((t, i): Target[] => (typeof t === 'string' ? [{ server: t, path: ['server', 'target', i], written: t }] : []));
}

function at(source: LoadedFile, path: DocPath, written: string): { start: { line: number; column: number }; end: { line: number; column: number } } | undefined {
  const start = source.locateInString(path, 0) ?? source.locate(path)?.start;
  return start && { start, end: { line: start.line, column: start.column + written.length } };
}

/** `server` steps on servers the runner does not launch, and `http` steps on stdio servers. */
export function checkServerTraits(journey: LoadedFile, steps: ExpandedStep[], context: ValidationContext): Diagnostic[] {
  const active = context.servers;
  if (!active) return [];
  const root = journey.value;
  const required = isRecord(root) && Array.isArray(root['servers_required'])
    ? root['servers_required'].filter((s): s is string => typeof s === 'string') : [];
  // Skipped where the active configuration lacks one of its servers: nothing of it runs here.
  if (required.some((server) => !(server in active))) return [];
  const out: Diagnostic[] = [];
  for (const { step, source, site } of steps) {
    const spec = step.kind ? step.doc[step.kind] : undefined;
    if (step.kind === 'server' && isRecord(spec)) {
      const action = typeof spec['action'] === 'string' ? spec['action'] : 'control';
      for (const target of serverTargets(spec, required)) {
        const entry = active[target.server];
        if (entry?.launched !== false) continue;
        const via = entry.transport ? ` over ${entry.transport}` : '';
        out.push(diagnostic(source.file, 'JOURNEY_SERVER_NOT_LAUNCHED', `cannot ${action} ${target.server}: the runner only connects to its URL, it did not start it`, at(source, [...step.path, ...target.path], target.written), {
          expected: 'a server the runner launches: a stdio server, or one the stack definition gives a command',
          found: `${target.written === 'both' ? 'both → ' : ''}${target.server}${target.written === 'both' && site ? ` (servers_required of ${journey.file})` : ''}, reached${via} at a URL the runner did not start`,
          hint: `give ${target.server} a command in the stack definition (<mcp config>.stack.json beside the .mcp.json, or defineJourneysConfig({ stack })), or drop the step`,
        }));
      }
    }
    if (step.kind === 'http' && isRecord(spec) && typeof spec['server'] === 'string') {
      const server = spec['server'];
      if (active[server]?.transport !== 'stdio') continue;
      out.push(diagnostic(source.file, 'JOURNEY_HTTP_STDIO', `${server} is a stdio server: it has no HTTP address for an http step`, at(source, [...step.path, 'http', 'server'], server), {
        expected: 'a server the MCP configuration reaches over http or sse',
        found: `${server} (type stdio)`,
        hint: `use a call or read step on ${server}, or serve it over http/sse`,
      }));
    }
  }
  return out;
}
