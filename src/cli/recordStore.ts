// Where `record` keeps what it saw until the journey is written. Every proxy (one per server, each its own
// process, started by Claude Code or by hand) appends to its own JSONL file in a folder named after the
// journey it records into, so several servers record into one journey with no lock on the writes. The
// proxy whose session ends last (no other file open and its process alive) writes the journey from all
// the files and removes the folder; `record --finish` does the same by hand. The folder is machine-local
// (the package's cache), created 0700: until it is written and masked, the recording holds secrets.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../common/cacheDir.js';
import { isAlive } from '../process/alive.js';

export type Side = 'client' | 'server';

/** One line of a session file. */
export type RecordEvent =
  | { k: 'start'; server: string; transport: 'stdio' | 'http'; pid: number; t: number; latencyFloorMs?: number }
  | { k: 'msg'; t: number; from: Side; session: string; msg: unknown }
  /** A value seen on the wire or in the server's environment that must not reach the journey. */
  | { k: 'secret'; value: string }
  | { k: 'end'; t: number };

export interface RecordedSession {
  file: string;
  server: string;
  transport: 'stdio' | 'http';
  /** The least latency budget of this server's steps (`--latency-floor`, default 100 ms). */
  latencyFloorMs: number;
  events: RecordEvent[];
  ended: boolean;
  live: boolean;
}

/** Milliseconds with a fraction, comparable across the proxies' processes. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function recordingDir(out: string): string {
  const key = createHash('sha256').update(path.resolve(out)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'record', key);
}

export class SessionFile {
  readonly file: string;
  private seen = new Set<string>();

  constructor(readonly dir: string, server: string, transport: 'stdio' | 'http', latencyFloorMs: number) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const safe = server.replace(/[^A-Za-z0-9_.-]/g, '_');
    this.file = path.join(dir, `${safe}-${process.pid}-${Date.now()}.jsonl`);
    this.append({ k: 'start', server, transport, pid: process.pid, t: now(), latencyFloorMs });
  }

  append(event: RecordEvent): void {
    // One write per line with O_APPEND: a reader never sees half a line from a live proxy but the last.
    appendFileSync(this.file, `${JSON.stringify(event)}\n`, { mode: 0o600 });
  }

  message(from: Side, session: string, msg: unknown, t = now()): void {
    this.append({ k: 'msg', t, from, session, msg });
  }

  secret(value: string | undefined): void {
    if (value === undefined || value.length < 4 || this.seen.has(value)) return;
    this.seen.add(value);
    this.append({ k: 'secret', value });
  }

  end(): void {
    this.append({ k: 'end', t: now() });
  }
}

export function readSessions(dir: string): RecordedSession[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const out: RecordedSession[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const events: RecordEvent[] = [];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        events.push(JSON.parse(line) as RecordEvent);
      } catch {
        // The last line of a proxy that died mid-write.
      }
    }
    const start = events[0];
    if (start?.k !== 'start') continue;
    const ended = events.some((e) => e.k === 'end');
    out.push({ file, server: start.server, transport: start.transport, latencyFloorMs: start.latencyFloorMs ?? 100, events, ended, live: !ended && isAlive(start.pid) });
  }
  return out;
}

/** Sessions left by a recording that never finished (every proxy gone, nothing written): a new recording
 * starts clean rather than mixing in an unrelated session. Returns how many were dropped. */
export function dropAbandoned(dir: string, own: string): number {
  const others = readSessions(dir).filter((s) => s.file !== own);
  if (others.some((s) => s.live)) return 0;
  for (const s of others) rmSync(s.file, { force: true });
  return others.length;
}

/** Takes the right to write the journey (mkdir is atomic); false when another proxy has it. */
export function claim(dir: string): boolean {
  try {
    mkdirSync(path.join(dir, 'writing'));
    return true;
  } catch {
    return false;
  }
}

export function release(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(path.dirname(dir));
  } catch {
    // Other recordings are under way.
  }
}
