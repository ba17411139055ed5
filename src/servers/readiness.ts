// When a launched server is ready: its ready file appears (written atomically by rename, so a read never
// sees half a file), its port accepts a connection, an HTTP path answers, or a line of its output
// matches. Polling every few milliseconds costs less than one fs.watch set-up.
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadyCheck } from '../mcp/stackDefinition.js';
import { hasExited } from '../process/child.js';

export interface ReadyInfo {
  pid: number;
  port: number;
  url: string;
}

export type Readiness =
  | { kind: 'ready'; info?: ReadyInfo; elapsedMs: number }
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number };

const POLL_MS = 10;
/** Each TCP or HTTP probe gives up after this, so a stuck accept cannot hold the deadline. */
const PROBE_MS = 1000;

async function readReady(file: string): Promise<ReadyInfo | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, port, url } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || typeof port !== 'number' || typeof url !== 'string') {
    throw new Error(`ready file ${file} does not hold {pid, port, url}: ${text}`);
  }
  return { pid, port, url };
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: PROBE_MS });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function answers(port: number, path: string): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(PROBE_MS) }).catch(() => undefined);
  await response?.body?.cancel().catch(() => undefined);
  return response !== undefined && response.status < 500;
}

export interface ReadyProbe {
  check: ReadyCheck;
  port: number;
  /** For `file`: where the server writes it (MCP_READY_FILE). */
  readyFile: string;
  /** For `log`: whether a line matched since this launch. */
  matched: () => boolean;
}

async function probe(p: ReadyProbe): Promise<{ ok: boolean; info?: ReadyInfo }> {
  switch (p.check.kind) {
    case 'file': {
      const info = await readReady(p.readyFile);
      return info ? { ok: true, info } : { ok: false };
    }
    case 'tcp': return { ok: await portAccepts(p.port) };
    case 'http': return { ok: await answers(p.port, p.check.path) };
    case 'log': return { ok: p.matched() };
  }
}

/** Waits until the probe passes, the child exits, or `timeoutMs` passes, whichever is first. */
export async function waitForReady(p: ReadyProbe, child: ChildProcess, timeoutMs: number): Promise<Readiness> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  for (;;) {
    if (hasExited(child)) return { kind: 'exited', code: child.exitCode, signal: child.signalCode, elapsedMs: elapsed() };
    const { ok, info } = await probe(p);
    // A port another process holds would pass the tcp probe: ready only while our child still lives.
    if (ok && !hasExited(child)) return { kind: 'ready', ...(info ? { info } : {}), elapsedMs: elapsed() };
    if (elapsed() >= timeoutMs) return { kind: 'timeout', elapsedMs: elapsed() };
    await sleep(POLL_MS);
  }
}
