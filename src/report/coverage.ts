// What a catalogue of journeys exercises, from their plans: scenarios (by tag), tools of each server
// (call and references steps, inside includes and parallel blocks too), and cross-server reference edges
// (a value saved from one server's tool and passed to another server's tool).
import type { TemplatePart } from '../common/template.js';
import { parseTemplate } from '../common/template.js';
import type { JourneyPlan, StepPlan } from '../compile/plan.js';
import { scenarioKey } from './catalogue.js';
import type { Catalogue } from './catalogue.js';

export interface ScenarioCoverage {
  id: string;
  title: string;
  /** Journey files (relative to the journeys directory) tagged with the scenario. */
  journeys: string[];
}

export interface ToolCoverage {
  tool: string;
  journeys: string[];
}

export interface ServerCoverage {
  server: string;
  /** Whether the tools are the server's own list (its tools/list or the configuration's `tools`); when
   * not, they are the tools the journeys call, and there is nothing to count them against. */
  listed: boolean;
  tools: ToolCoverage[];
  /** Tools the server has that no journey calls. */
  uncalled: string[];
  /** Tools journeys call that the server does not list. */
  unknown: string[];
}

export interface ReferenceEdge {
  /** `server.tool` that issued the value. */
  from: string;
  /** `server.tool` it went to. */
  to: string;
  /** Argument it went into (`entity_references`), or `references` for a reference check. */
  via: string;
  journeys: string[];
}

export interface Coverage {
  /** The scenario catalogue's file, null when the project has none (then no scenarios are counted). */
  catalogue: string | null;
  scenarios: ScenarioCoverage[];
  servers: ServerCoverage[];
  edges: ReferenceEdge[];
  /** Journeys tagged with no scenario of the catalogue. */
  untagged: string[];
  /** Servers journeys require that the configuration does not define: those journeys are skipped when run. */
  missing: { server: string; journeys: string[] }[];
}

interface Use {
  server: string;
  tool: string;
}

function walk(steps: readonly StepPlan[], visit: (step: StepPlan) => void): void {
  for (const step of steps) {
    visit(step);
    if (step.kind === 'include' || step.kind === 'parallel') walk(step.steps, visit);
  }
}

/** Variable names a value's templates read, with the top-level argument they sit in. */
function readsOf(args: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const visit = (value: unknown, arg: string): void => {
    if (typeof value === 'string') {
      let parts: TemplatePart[];
      try {
        parts = parseTemplate(value);
      } catch {
        return;
      }
      for (const part of parts) if (part.kind === 'ref' && part.ref.type === 'var') out.push([part.ref.name, arg]);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, arg);
    } else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) visit(item, arg);
    }
  };
  for (const [arg, value] of Object.entries(args)) visit(value, arg);
  return out;
}

function add<K>(map: Map<K, Set<string>>, key: K, journey: string): void {
  map.set(key, (map.get(key) ?? new Set()).add(journey));
}

export interface CoverageOptions {
  /** The scenarios to count; without one, coverage is tools and edges only. */
  catalogue?: Catalogue | undefined;
  /** Which journeys count for tools and edges (e.g. not the negative ones); scenarios count all. */
  counted?: (plan: JourneyPlan) => boolean;
}

/** `toolsByServer`: every tool each server has (its tools/list or the MCP config's `tools`), undefined
 * for a server whose configuration lists none. */
export function computeCoverage(plans: readonly JourneyPlan[], toolsByServer: Record<string, readonly string[] | undefined>,
  { catalogue, counted = () => true }: CoverageOptions = {}): Coverage {
  const ids = new Map((catalogue?.scenarios ?? []).map((s) => [scenarioKey(s.id), s.id]));
  const byScenario = new Map<string, Set<string>>();
  const byTool = new Map<string, Set<string>>();
  const byEdge = new Map<string, Set<string>>();
  const untagged: string[] = [];
  const missing = new Map<string, Set<string>>();
  for (const plan of plans) {
    for (const server of plan.servers) if (!(server in toolsByServer)) add(missing, server, plan.relativeFile);
    const tagged = plan.tags.map((tag) => ids.get(scenarioKey(tag))).filter((id): id is string => id !== undefined);
    if (catalogue && tagged.length === 0) untagged.push(plan.relativeFile);
    for (const id of tagged) add(byScenario, id, plan.relativeFile);
    if (!counted(plan)) continue;
    const savedBy = new Map<string, Use>();
    const edge = (from: Use | undefined, to: Use, via: string): void => {
      if (from && from.server !== to.server) add(byEdge, JSON.stringify([`${from.server}.${from.tool}`, `${to.server}.${to.tool}`, via]), plan.relativeFile);
    };
    walk([...plan.setup.steps, ...plan.test.steps, ...plan.teardown.steps], (step) => {
      if (step.kind !== 'call' && step.kind !== 'references') return;
      const use = { server: step.server, tool: step.tool };
      add(byTool, `${use.server}.${use.tool}`, plan.relativeFile);
      if (step.kind === 'call') {
        for (const [name, arg] of readsOf(step.args)) edge(savedBy.get(name), use, arg);
        for (const save of step.save) savedBy.set(save.name, use);
      } else {
        for (const name of step.vars) edge(savedBy.get(name), use, 'references');
      }
    });
  }
  const sorted = (set: Set<string> | undefined): string[] => [...(set ?? [])].sort();
  const servers = Object.entries(toolsByServer).map(([server, listed]): ServerCoverage => {
    const called = [...byTool.keys()].filter((k) => k.startsWith(`${server}.`)).map((k) => k.slice(server.length + 1));
    const tools = listed ?? called.sort();
    return {
      server,
      listed: listed !== undefined,
      tools: tools.map((tool) => ({ tool, journeys: sorted(byTool.get(`${server}.${tool}`)) })),
      uncalled: tools.filter((tool) => !byTool.has(`${server}.${tool}`)),
      unknown: listed ? called.filter((tool) => !listed.includes(tool)).sort() : [],
    };
  });
  const edges = [...byEdge.entries()].map(([key, journeys]) => {
    const [from = '', to = '', via = ''] = JSON.parse(key) as string[];
    return { from, to, via, journeys: sorted(journeys) };
  }).sort((a, b) => `${a.from} ${a.to} ${a.via}`.localeCompare(`${b.from} ${b.to} ${b.via}`));
  return {
    catalogue: catalogue?.file ?? null,
    scenarios: (catalogue?.scenarios ?? []).map((s) => ({ ...s, journeys: sorted(byScenario.get(s.id)) })),
    servers,
    edges,
    untagged: untagged.sort(),
    missing: [...missing.keys()].sort().map((server) => ({ server, journeys: sorted(missing.get(server)) })),
  };
}

/** Whether anything is missing: a scenario without a journey, or a tool no journey calls. */
export function coverageGaps(coverage: Coverage): string[] {
  return [
    ...coverage.scenarios.filter((s) => s.journeys.length === 0).map((s) => `scenario ${s.id} (${s.title}) has no journey`),
    ...coverage.servers.flatMap((s) => s.uncalled.map((tool) => `${s.server}.${tool} is called by no journey`)),
  ];
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatScenarios(coverage: Coverage, lines: string[]): void {
  if (coverage.catalogue === null) {
    lines.push(`Scenarios: no catalogue (${CATALOGUE_HINT}), so tools and edges only`);
    return;
  }
  const covered = coverage.scenarios.filter((s) => s.journeys.length > 0).length;
  lines.push(`Scenarios (${coverage.catalogue}): ${covered} of ${coverage.scenarios.length} covered`);
  const width = Math.max(0, ...coverage.scenarios.map((s) => s.id.length));
  for (const s of coverage.scenarios) {
    const where = s.journeys.length === 0 ? 'NOT COVERED' : s.journeys.join(', ');
    lines.push(`  ${s.id.padEnd(width)}  ${s.title}\n  ${' '.repeat(width)}  → ${where}`);
  }
}

const CATALOGUE_HINT = 'add catalogue.yaml to the journeys directory, or give --catalogue';

export function formatCoverage(coverage: Coverage): string {
  const lines: string[] = [];
  formatScenarios(coverage, lines);
  for (const server of coverage.servers) {
    const called = server.tools.length - server.uncalled.length;
    lines.push('', server.listed ? `${server.server}: ${called} of ${count(server.tools.length, 'tool')} called`
      : `${server.server}: ${count(called, 'tool')} called; the MCP configuration lists none to count against (give the server "tools": [...] there, or run with --live)`);
    const toolWidth = Math.max(0, ...server.tools.map((t) => t.tool.length));
    for (const t of server.tools) lines.push(`  ${t.tool.padEnd(toolWidth)}  ${t.journeys.length === 0 ? 'NOT CALLED' : count(t.journeys.length, 'journey')}`);
    if (server.unknown.length > 0) lines.push(`  called but not listed by the server: ${server.unknown.join(', ')}`);
  }
  for (const m of coverage.missing) {
    lines.push('', `${m.server}: not in the MCP configuration, so its tools are not counted; ${count(m.journeys.length, 'journey')} need${m.journeys.length === 1 ? 's' : ''} it and ${m.journeys.length === 1 ? 'is' : 'are'} skipped when run`);
  }
  lines.push('', `Cross-server reference edges: ${coverage.edges.length}`);
  for (const e of coverage.edges) lines.push(`  ${e.from} → ${e.to} (${e.via})  ${count(e.journeys.length, 'journey')}`);
  if (coverage.untagged.length > 0) lines.push('', `Journeys tagged with no scenario of the catalogue: ${coverage.untagged.join(', ')}`);
  const gaps = coverageGaps(coverage);
  if (coverage.catalogue === null) {
    lines.push('', gaps.length === 0 ? 'Every listed tool is called.' : `${count(gaps.length, 'tool')} no journey calls (not a failure without a catalogue):\n${gaps.map((g) => `  ${g}`).join('\n')}`);
  } else {
    lines.push('', gaps.length === 0 ? 'Everything in the catalogue is covered.' : `${count(gaps.length, 'gap')}:\n${gaps.map((g) => `  ${g}`).join('\n')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The exit code's reason: gaps fail only a project that keeps a catalogue (it says what must be covered). */
export function coverageFails(coverage: Coverage): boolean {
  return coverage.catalogue !== null && coverageGaps(coverage).length > 0;
}
