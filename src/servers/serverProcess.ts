// Spawning one reference-server process and telling how its start-up ended. The process is a
// process-group leader, so the whole tree can be signalled at once (see process/child.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ManagedServerName } from './types.js';
import { captureLines, LineRing } from './ringBuffer.js';
import { waitForReady, type Readiness } from './readiness.js';

const DRAIN_LIMIT_MS = 1000;

export interface LaunchSpec {
  name: ManagedServerName;
  /** The server's source entry (e.g. fixtures/servers/codebase-mcp/main.ts). */
  entry: string;
  /** A single-file bundle of `entry` to run with plain node; `entry` runs with `--import tsx` without one. */
  bundle?: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  log?: (server: ManagedServerName, line: string) => void;
}

export interface Launched {
  child: ChildProcess;
  output: LineRing;
  /** The command line, for messages. */
  command: string;
  readiness: Promise<Readiness>;
  /** Resolves when the process exited and its output was read to the end (bounded: a leftover
   * grandchild may hold the pipes open). */
  drained(): Promise<void>;
}

/** `CODEBASE_MCP` for codebase-mcp: the prefix of every variable the server reads. */
export function envPrefix(name: ManagedServerName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

function nodeArgs(spec: LaunchSpec): string[] {
  return spec.bundle ? [spec.bundle, ...spec.args] : ['--import', 'tsx', spec.entry, ...spec.args];
}

export function describeCommand(spec: LaunchSpec): string {
  const relative = (file: string): string => path.relative(spec.cwd, file) || file;
  const command = ['node', ...nodeArgs(spec).map((a) => (a === spec.bundle || a === spec.entry ? relative(a) : a))].join(' ');
  return spec.bundle ? `${command} (bundle of ${relative(spec.entry)})` : command;
}

/** Spawns the server with MCP_READY_FILE = `readyFile` and waits (up to `timeoutMs`) for it to be ready. */
export function launch(spec: LaunchSpec, readyFile: string, timeoutMs: number, output = new LineRing()): Launched {
  const child = spawn(process.execPath, nodeArgs(spec), {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, MCP_READY_FILE: readyFile },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Without a listener a failed spawn (ENOENT, EAGAIN) would crash the owner; 'exit' still tells.
  child.on('error', (e) => output.push(`[spawn error] ${e.message}`));
  const forward = spec.log && ((line: string) => spec.log?.(spec.name, line));
  captureLines(child.stderr, output, forward);
  captureLines(child.stdout, output, forward);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const drained = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => { timer = setTimeout(resolve, DRAIN_LIMIT_MS); })]);
    clearTimeout(timer);
  };
  return { child, output, command: describeCommand(spec), readiness: waitForReady(readyFile, child, timeoutMs), drained };
}

export class ServerStartError extends Error {
  constructor(
    readonly server: ManagedServerName,
    readonly command: string,
    readonly outcome: Readiness,
    readonly stderr: string[],
    detail = '',
  ) {
    const how = outcome.kind === 'exited'
      ? `exited (${outcome.signal ? `signal ${outcome.signal}` : `code ${outcome.code}`}) before it was ready`
      : outcome.kind === 'timeout' ? `was not ready after ${outcome.elapsedMs} ms` : `started wrongly: ${detail}`;
    const tail = stderr.length > 0 ? stderr.map((l) => `    ${l}`).join('\n') : '    (nothing)';
    super(`${server} ${how}.\n  command: ${command}\n  last output lines:\n${tail}`);
    this.name = 'ServerStartError';
  }
}
