// Resource usage during a load test: samples the runtime takes (pidusage for the runner and managed
// server processes, /health for pool statistics) summarised to a mean and a peak, and shards' summaries
// combined (means weighted by their sample counts, peaks as the largest).
import type { PoolStats, ProcessUsage, ResourceUsage, ServerUsage } from './types.js';

export interface ProcessSample {
  /** 100 is one core busy (pidusage's `cpu`). */
  cpu_percent: number;
  rss_bytes: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export const NO_USAGE: ProcessUsage = { cpu_percent: 0, cpu_percent_max: 0, rss_bytes: 0, rss_bytes_mean: 0, samples: 0 };

export function summarizeProcess(samples: readonly ProcessSample[]): ProcessUsage {
  if (samples.length === 0) return { ...NO_USAGE };
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const cpu = samples.map((s) => Math.max(0, s.cpu_percent));
  const rss = samples.map((s) => Math.max(0, s.rss_bytes));
  return {
    cpu_percent: round1(mean(cpu)), cpu_percent_max: round1(Math.max(...cpu)),
    rss_bytes: Math.round(Math.max(...rss)), rss_bytes_mean: Math.round(mean(rss)), samples: samples.length,
  };
}

/** The largest value of each figure seen in any sample: what the pool went through at its busiest. */
export function peakPool(samples: readonly PoolStats[]): PoolStats | undefined {
  if (samples.length === 0) return undefined;
  const peak = (key: keyof PoolStats): number => Math.max(...samples.map((s) => s[key]));
  return { total: peak('total'), idle: peak('idle'), active: peak('active'), waiting: peak('waiting'), max: peak('max') };
}

export interface ServerSamples {
  process?: readonly ProcessSample[];
  pool?: readonly PoolStats[];
}

export function summarizeServer(samples: ServerSamples): ServerUsage {
  const usage: ServerUsage = samples.process && samples.process.length > 0 ? { ...summarizeProcess(samples.process) } : {};
  const pool = peakPool(samples.pool ?? []);
  if (pool) usage.pool = pool;
  return usage;
}

export function summarizeUsage(runner: readonly ProcessSample[], servers: Record<string, ServerSamples> = {}): ResourceUsage {
  return {
    runner: summarizeProcess(runner),
    servers: Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, summarizeServer(s)])),
  };
}

function mergeProcess<T extends Partial<ProcessUsage>>(list: readonly T[]): Partial<ProcessUsage> {
  const withSamples = list.filter((u) => (u.samples ?? 0) > 0);
  if (withSamples.length === 0) return {};
  const samples = withSamples.reduce((n, u) => n + (u.samples ?? 0), 0);
  const weighted = (key: 'cpu_percent' | 'rss_bytes_mean'): number => withSamples.reduce((sum, u) => sum + (u[key] ?? 0) * (u.samples ?? 0), 0) / samples;
  const peak = (key: 'cpu_percent_max' | 'rss_bytes'): number => Math.max(...withSamples.map((u) => u[key] ?? 0));
  return {
    cpu_percent: round1(weighted('cpu_percent')), cpu_percent_max: peak('cpu_percent_max'),
    rss_bytes: peak('rss_bytes'), rss_bytes_mean: Math.round(weighted('rss_bytes_mean')), samples,
  };
}

export function mergeUsage(list: readonly ResourceUsage[]): ResourceUsage {
  const runner = { ...NO_USAGE, ...mergeProcess(list.map((u) => u.runner)) };
  const names = [...new Set(list.flatMap((u) => Object.keys(u.servers)))].sort();
  const servers: Record<string, ServerUsage> = {};
  for (const name of names) {
    const parts = list.map((u) => u.servers[name]).filter((s): s is ServerUsage => s !== undefined);
    const usage: ServerUsage = mergeProcess(parts);
    const pool = peakPool(parts.map((p) => p.pool).filter((p): p is PoolStats => p !== undefined));
    if (pool) usage.pool = pool;
    servers[name] = usage;
  }
  return { runner, servers };
}
