// 50 concurrent sessions with mixed tools, as Claude Code would hold them: one MCP client per server per
// session. The baseline is the same schedule with every call replaced by a no-op call on the same server
// (get_active_project; get_indexing_status rejecting a malformed id before touching the database).
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RunningStack } from '../src/servers/types.js';
import { call, connect, p95, QUERIES, timed } from './serversSupport.js';
import type { Figure, Outcome } from './serversSupport.js';

const SESSIONS = 50;
/** Per block; two mixed blocks make 1,000 calls. */
const CALLS_PER_SESSION = 10;

interface Session { codebase: Client; workflow: Client }
type Step = (s: Session, n: number) => Promise<Outcome>;

function mixedSteps(tasks: string[]): Step[] {
  const task = (n: number): string => tasks[n % tasks.length] ?? '';
  return [
    (s, n) => call(s.codebase, 'search_code', { query: QUERIES[n % QUERIES.length] ?? 'payment', project_id: 'default', limit: 5 }),
    (s, n) => call(s.workflow, 'query_entities', { entity_type: 'bench_service', filter: { team: `team${n % 10}`, tier: n % 5 } }),
    (s, n) => call(s.workflow, 'get_work_item_hierarchy', { work_item_id: task(n) }),
    (s, n) => call(s.workflow, 'create_work_item', { item_type: 'subtask', title: `load ${n}`, parent_id: task(n) }),
    (s, n) => call(s.workflow, 'query_work_items', { parent_id: task(n) }),
    (s) => call(s.workflow, 'get_active_project'),
  ];
}

const NOOPS: Step[] = [
  (s) => call(s.codebase, 'get_indexing_status', { job_id: 'not-a-uuid', project_id: 'default' }),
  (s) => call(s.workflow, 'get_active_project'),
];

interface Played { samples: number[]; errors: string[] }

async function play(sessions: Session[], steps: readonly Step[], pickStep: (session: number, i: number) => number): Promise<Played> {
  const samples: number[] = [];
  const errors: string[] = [];
  await Promise.all(sessions.map(async (session, w) => {
    for (let i = 0; i < CALLS_PER_SESSION; i++) {
      const step = steps[pickStep(w, i)];
      if (!step) continue;
      samples.push(await timed(async () => {
        try {
          const outcome = await step(session, w * CALLS_PER_SESSION + i);
          if (outcome.isError) errors.push(outcome.text);
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }));
    }
  }));
  return { samples, errors };
}

export async function runMixed(stack: RunningStack, tasks: string[]): Promise<Figure[]> {
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, async (): Promise<Session> => ({
    codebase: await connect(stack.server('codebase-mcp').url),
    workflow: await connect(stack.server('workflow-mcp').url),
  })));
  try {
    const steps = mixedSteps(tasks);
    const stepOf = (w: number, i: number): number => (w + i) % steps.length;
    // Which server each mixed step hits, so the no-op baseline sends the same traffic to the same servers.
    const noopOf = (w: number, i: number): number => (stepOf(w, i) === 0 ? 0 : 1);
    await play(sessions, NOOPS, noopOf);
    // Alternating blocks (baseline, mixed, mixed, baseline), so both see the same machine load.
    const baseline: Played = { samples: [], errors: [] };
    const mixed: Played = { samples: [], errors: [] };
    for (const [into, blockSteps, pick] of [[baseline, NOOPS, noopOf], [mixed, steps, stepOf], [mixed, steps, stepOf], [baseline, NOOPS, noopOf]] as const) {
      const played = await play(sessions, blockSteps, pick);
      into.samples.push(...played.samples);
      into.errors.push(...played.errors);
    }
    const distinct = [...new Set(mixed.errors)].slice(0, 3).join(' | ');
    return [
      { operation: '50 sessions, mixed tools: p95', value: p95(mixed.samples), unit: 'ms', goal: 100, seed: 1000,
        baseline: { name: 'no-op calls, same schedule', value: p95(baseline.samples) },
        note: `${mixed.samples.length} calls over ${SESSIONS} sessions (search, entity query, hierarchy, create, list, active project)` },
      { operation: '50 sessions, mixed tools: errors', value: mixed.errors.length, unit: 'errors', goal: 0, inclusive: true,
        ...(distinct ? { note: `first errors: ${distinct}` } : {}) },
    ];
  } finally {
    await Promise.all(sessions.flatMap((s) => [s.codebase.close(), s.workflow.close()]));
  }
}
