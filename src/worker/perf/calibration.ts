// A calibration measured in the same run as a benchmark or load, before it, so the regression gate can
// tell a slower machine from a slower server (report/perf/baseline.ts): the p50 of `ping` (a request
// every server answers at once) to each server of the journey over the transport the measurement uses,
// and the time of a fixed CPU loop in the runner.
import type { McpSession } from '../../mcp/types.js';
import type { Calibration, PerfResult } from '../../report/perf/types.js';

const PINGS = 21;
const PING_TIMEOUT_MS = 2000;
const CPU_ROUNDS = 5;
const CPU_STEPS = 2_000_000;

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Milliseconds of a fixed integer loop (xorshift), the median of a few rounds. */
export function cpuLoopMs(steps = CPU_STEPS, rounds = CPU_ROUNDS): number {
  const times: number[] = [];
  let x = 2463534242;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    times.push(performance.now() - t0);
  }
  // Used, so the loop cannot be optimised away.
  if (x === 0.5) times.push(0);
  return Number((median(times) ?? 0).toFixed(3));
}

async function pingP50(session: McpSession, server: string, signal: AbortSignal): Promise<{ p50?: number; n: number }> {
  const times: number[] = [];
  for (let i = 0; i < PINGS && !signal.aborted; i++) {
    const outcome = await session.request(server, { method: 'ping' }, { timeoutMs: PING_TIMEOUT_MS, signal });
    // One unanswered ping is enough: a server that does not answer is not waited for 21 times.
    if (outcome.kind !== 'ok') break;
    times.push(outcome.latencyMs);
  }
  const p50 = median(times);
  return p50 === undefined ? { n: 0 } : { p50: Number(p50.toFixed(3)), n: times.length };
}

/** A calibration per server; a server that answers no ping gets the CPU loop alone. */
export async function calibrate(session: McpSession, servers: readonly string[], signal: AbortSignal): Promise<Map<string, Calibration>> {
  const cpu = cpuLoopMs();
  const out = new Map<string, Calibration>();
  for (const server of servers) {
    const ping = await pingP50(session, server, signal);
    out.set(server, { server, pings: ping.n, cpu_ms: cpu, ...(ping.p50 === undefined ? {} : { ping_p50_ms: ping.p50 }) });
  }
  return out;
}

/** The result with its server's calibration, when there is one. */
export function withCalibration<T extends PerfResult>(result: T, calibrations: ReadonlyMap<string, Calibration>): T {
  const calibration = calibrations.get(result.server);
  return calibration ? { ...result, calibration } : result;
}
