// A server is ready when its ready file appears (written atomically by rename, so a read never sees
// half a file). Polling a missing file every few milliseconds costs less than one fs.watch set-up.
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasExited } from '../process/child.js';

export interface ReadyInfo {
  pid: number;
  port: number;
  url: string;
}

export type Readiness =
  | { kind: 'ready'; info: ReadyInfo; elapsedMs: number }
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number };

const POLL_MS = 10;

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

/** Waits until the ready file appears, the child exits, or `timeoutMs` passes, whichever is first. */
export async function waitForReady(file: string, child: ChildProcess, timeoutMs: number): Promise<Readiness> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  for (;;) {
    const info = await readReady(file);
    if (info) return { kind: 'ready', info, elapsedMs: elapsed() };
    if (hasExited(child)) return { kind: 'exited', code: child.exitCode, signal: child.signalCode, elapsedMs: elapsed() };
    if (elapsed() >= timeoutMs) return { kind: 'timeout', elapsedMs: elapsed() };
    await sleep(POLL_MS);
  }
}
