// `matrix:` runs one journey over several servers: `{ codebase-mcp: [codebase-mcp, codebase-mcp-stdio] }`
// plays the journey as written, then with every step that names codebase-mcp naming codebase-mcp-stdio.
// The journey is checked as written; here, that each key is one of its servers and each server it stands
// for is configured and has the tools the journey calls on the key. Each instance is then a journey of its
// own (its document with the names replaced, at the places the step kinds say a server is named).
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { FragmentDoc, JourneyDoc } from '../load/journey.js';
import type { LoadedFile } from '../load/loadedFile.js';
import type { ExpandedStep } from './expanded.js';
import { knownServers, serverUses } from './servers.js';
import { didYouMean } from './suggest.js';
import type { ValidatedFragment, ValidatedJourney, ValidationContext } from './types.js';
import { isRecord, walkAllSteps } from './walk.js';
import type { Obj } from './walk.js';

/** A journey's matrix as written, when it is one (the schema reports any other shape). */
function matrixOf(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value) || !isRecord(value['matrix'])) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(value['matrix'])) {
    if (Array.isArray(list)) out[key] = list.filter((s): s is string => typeof s === 'string');
  }
  return out;
}

export function checkMatrix(journey: LoadedFile, steps: ExpandedStep[], context: ValidationContext): Diagnostic[] {
  const matrix = matrixOf(journey.value);
  if (!matrix || !isRecord(journey.value)) return [];
  const required = Array.isArray(journey.value['servers_required']) ? journey.value['servers_required'].filter((s): s is string => typeof s === 'string') : [];
  const known = knownServers(context);
  const names = Object.keys(known ?? {});
  const out: Diagnostic[] = [];
  for (const [key, servers] of Object.entries(matrix)) {
    if (!required.includes(key)) {
      out.push(diagnostic(journey.file, 'JOURNEY_MATRIX', `matrix key "${key}" is not a server of servers_required`, journey.keyLocate(['matrix', key]), {
        expected: `a server the steps name, from servers_required: ${required.join(', ')}`, found: key,
        hint: didYouMean(key, required) ?? `add ${key} to servers_required, or name the server the steps use`,
      }));
      continue;
    }
    if (!known) continue;
    // The tools the journey calls on the key; each server standing for it must have them.
    const called = new Set(steps.flatMap(({ step }) => serverUses(step, names).filter((u) => u.server === key && u.tool).map((u) => u.tool?.name ?? '')));
    servers.forEach((server, i) => {
      const at = journey.locate(['matrix', key, i]);
      const entry = known[server];
      if (!entry) {
        out.push(diagnostic(journey.file, 'JOURNEY_UNKNOWN_SERVER', `unknown server "${server}" in the matrix of ${key}`, at, {
          expected: `a server of the MCP configuration: ${names.join(', ')}`, found: server,
          // Not a server the list names already: a typo of one would be listed twice.
          hint: didYouMean(server, names.filter((n) => !servers.includes(n))) ?? 'add it to the MCP configuration (.mcp.json "mcpServers"), or fix the name',
        }));
        return;
      }
      const missing = entry.tools ? [...called].filter((t) => !entry.tools?.includes(t)) : [];
      if (missing.length > 0) {
        out.push(diagnostic(journey.file, 'JOURNEY_UNKNOWN_TOOL', `${server} has no tool${missing.length > 1 ? 's' : ''} ${missing.map((t) => `"${t}"`).join(', ')}, which the journey calls on ${key}`, at, {
          expected: `a server with the tools called on ${key}: ${[...called].join(', ')}`, found: `${server}: ${entry.tools?.join(', ') || 'no tools'}`,
          hint: `the matrix runs every step of ${key} on ${server}; drop it from the list, or declare its tools in the MCP configuration`,
        }));
      }
    });
  }
  return out;
}

/** Every combination of the matrix, keys in the order written: `[{ a: a1, b: b1 }, { a: a1, b: b2 }, …]`. */
function instances(matrix: Record<string, string[]>): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [key, servers] of Object.entries(matrix)) out = out.flatMap((partial) => servers.map((s) => ({ ...partial, [key]: s })));
  return out;
}

/** A copy of a journey or fragment document with the servers renamed where its steps name them. */
function renamed<T>(doc: T, fragment: boolean, names: Readonly<Record<string, string>>, known: readonly string[]): T {
  const copy = structuredClone(doc);
  walkAllSteps(copy, fragment, (step) => {
    for (const use of serverUses(step, known)) {
      const to = names[use.server];
      if (to === undefined || to === use.server) continue;
      // use.path is from the document's root; its last element holds the string that names the server.
      const relative = use.path.slice(step.path.length);
      const parent = relative.slice(0, -1).reduce<unknown>((node, k) => (isRecord(node) || Array.isArray(node) ? (node as Obj)[k as string] : undefined), step.doc);
      const last = relative.at(-1);
      if (last === undefined || !(isRecord(parent) || Array.isArray(parent))) continue;
      const text = (parent as Obj)[last as string];
      if (typeof text !== 'string') continue;
      (parent as Obj)[last as string] = `${text.slice(0, use.offset)}${to}${text.slice(use.offset + use.server.length)}`;
    }
  });
  return copy;
}

/** The journeys to compile: one per instance of a matrix, the journey itself when it has none. */
export function expandMatrix(journey: ValidatedJourney, context: ValidationContext): ValidatedJourney[] {
  const matrix = journey.doc.matrix;
  if (!matrix) return [journey];
  const known = [...new Set([...Object.keys(knownServers(context) ?? {}), ...Object.keys(matrix), ...Object.values(matrix).flat()])];
  return instances(matrix).map((names) => {
    const doc: JourneyDoc = { ...renamed(journey.doc, false, names, known), servers_required: [...new Set(journey.doc.servers_required.map((s) => names[s] ?? s))] };
    const fragments = new Map<string, ValidatedFragment>();
    for (const [abs, f] of journey.fragments) fragments.set(abs, { ...f, doc: renamed<FragmentDoc>(f.doc, true, names, known) });
    return { ...journey, doc, fragments, instance: names };
  });
}
