// Resource usage while a load runs: CPU and RSS of the runner and of the managed server processes
// (pidusage), and each HTTP server's pool from its /health, sampled once a second.
import pidusage from 'pidusage';
import type { PoolStats, ResourceUsage } from '../../report/perf/types.js';
import type { ProcessSample, ServerSamples } from '../../report/perf/resources.js';
import { summarizeUsage } from '../../report/perf/resources.js';

export interface UsageTargets {
  /** Server name → process id, for processes the runner manages. */
  pids: Record<string, number | undefined>;
  /** Server name → base URL (`http://host:port`) whose /health reports its pool. */
  healthUrls: Record<string, string>;
}

export interface UsageSampler {
  stop(): Promise<ResourceUsage>;
}

function isPool(value: unknown): value is PoolStats {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return ['total', 'idle', 'active', 'waiting', 'max'].every((k) => typeof v[k] === 'number');
}

async function poolOf(baseUrl: string): Promise<PoolStats | undefined> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(500) });
    const body = (await response.json()) as { database?: { pool?: unknown } };
    return isPool(body.database?.pool) ? body.database.pool : undefined;
  } catch {
    return undefined;
  }
}

async function processSample(pid: number): Promise<ProcessSample | undefined> {
  try {
    const stat = await pidusage(pid);
    return { cpu_percent: stat.cpu, rss_bytes: stat.memory };
  } catch {
    return undefined;
  }
}

export function startUsageSampler(targets: UsageTargets, intervalMs = 1000): UsageSampler {
  const runner: ProcessSample[] = [];
  const servers: Record<string, { process: ProcessSample[]; pool: PoolStats[] }> = {};
  const names = [...new Set([...Object.keys(targets.pids), ...Object.keys(targets.healthUrls)])];
  for (const name of names) servers[name] = { process: [], pool: [] };
  const sample = async (): Promise<void> => {
    const own = await processSample(process.pid);
    if (own) runner.push(own);
    await Promise.all(names.map(async (name) => {
      const pid = targets.pids[name];
      const url = targets.healthUrls[name];
      const [proc, pool] = await Promise.all([pid ? processSample(pid) : undefined, url ? poolOf(url) : undefined]);
      if (proc) servers[name]?.process.push(proc);
      if (pool) servers[name]?.pool.push(pool);
    }));
  };
  let running = sample();
  const timer = setInterval(() => { running = running.then(sample); }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await sample();
      pidusage.clear();
      const input: Record<string, ServerSamples> = {};
      for (const [name, s] of Object.entries(servers)) input[name] = s;
      return summarizeUsage(runner, input);
    },
  };
}
