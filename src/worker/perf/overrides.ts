// Sizes a user can scale without editing journeys (as k6's --vus/--duration): the catalogue's defaults are
// small enough for a laptop or CI; these make the same journeys a real load or a longer benchmark.
import { durationMs } from '../../common/duration.js';
import type { BenchmarkPlan, LoadSpecPlan } from '../../compile/plan.js';

export const OVERRIDE_ENV = {
  benchIterations: 'MCP_JOURNEYS_BENCH_ITERATIONS',
  loadSessions: 'MCP_JOURNEYS_LOAD_SESSIONS',
  loadIterations: 'MCP_JOURNEYS_LOAD_ITERATIONS',
  loadDuration: 'MCP_JOURNEYS_LOAD_DURATION',
} as const;

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  return n;
}

export function benchmarkWithOverrides(plan: BenchmarkPlan, env: NodeJS.ProcessEnv = process.env): BenchmarkPlan {
  const iterations = positiveInt(env, OVERRIDE_ENV.benchIterations);
  return iterations === undefined ? plan : { ...plan, iterations: Math.max(10, iterations) };
}

export function loadWithOverrides(plan: LoadSpecPlan, env: NodeJS.ProcessEnv = process.env): LoadSpecPlan {
  const next = { ...plan };
  const sessions = positiveInt(env, OVERRIDE_ENV.loadSessions);
  if (sessions !== undefined) next.sessions = sessions;
  // breaking_point runs its levels: a duration or iteration count means nothing to it.
  if (next.profile === 'breaking_point') return next;
  const duration = env[OVERRIDE_ENV.loadDuration]?.trim();
  const iterations = positiveInt(env, OVERRIDE_ENV.loadIterations);
  if (duration) {
    next.durationMs = durationMs(duration);
    delete next.iterations;
  } else if (iterations !== undefined) {
    next.iterations = iterations;
    delete next.durationMs;
  }
  return next;
}
