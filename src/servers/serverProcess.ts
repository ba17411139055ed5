// Spawning one launched server process and telling how its start-up ended. The process is a
// process-group leader, so the whole tree can be signalled at once (see process/child.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ReadyCheck } from '../mcp/stackDefinition.js';
import { captureLines, LineRing } from './ringBuffer.js';
import { waitForReady, type Readiness } from './readiness.js';

const DRAIN_LIMIT_MS = 1000;

/** What runs: a command, or a JavaScript/TypeScript entry under this Node (from a bundle when there is one). */
export type Program = { kind: 'command'; command: string } | { kind: 'node'; entry: string; bundle?: string };

export interface LaunchSpec {
  name: string;
  program: Program;
  args: string[];
  cwd: string;
  ready: ReadyCheck;
  log?: (server: string, line: string) => void;
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

function commandLine(spec: LaunchSpec): [string, string[]] {
  const { program } = spec;
  if (program.kind === 'command') return [program.command, spec.args];
  return [process.execPath, program.bundle ? [program.bundle, ...spec.args] : ['--import', 'tsx', program.entry, ...spec.args]];
}

export function describeCommand(spec: LaunchSpec): string {
  // Relative to where the user ran the command, which is where they look for the file.
  const relative = (file: string): string => path.relative(process.cwd(), file) || file;
  const { program } = spec;
  if (program.kind === 'command') return [program.command, ...spec.args].join(' ');
  const [, args] = commandLine(spec);
  const command = ['node', ...args.map((a) => (a === program.bundle || a === program.entry ? relative(a) : a))].join(' ');
  return program.bundle ? `${command} (bundle of ${relative(program.entry)})` : command;
}

/** Spawns the server (MCP_READY_FILE = `readyFile`) with `env` and waits up to `timeoutMs` for it to be ready on `port`. */
export function launch(spec: LaunchSpec, env: Record<string, string>, port: number, readyFile: string, timeoutMs: number, output = new LineRing()): Launched {
  const [command, args] = commandLine(spec);
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...env, MCP_READY_FILE: readyFile },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Without a listener a failed spawn (ENOENT, EAGAIN) would crash the owner; 'exit' still tells.
  child.on('error', (e) => output.push(`[spawn error] ${e.message}`));
  let matched = false;
  const { ready } = spec;
  const forward = (line: string): void => {
    if (ready.kind === 'log' && ready.pattern.test(line)) matched = true;
    spec.log?.(spec.name, line);
  };
  captureLines(child.stderr, output, forward);
  captureLines(child.stdout, output, forward);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const drained = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => { timer = setTimeout(resolve, DRAIN_LIMIT_MS); })]);
    clearTimeout(timer);
  };
  const readiness = waitForReady({ check: ready, port, readyFile, matched: () => matched }, child, timeoutMs);
  return { child, output, command: describeCommand(spec), readiness, drained };
}

export class ServerStartError extends Error {
  constructor(
    readonly server: string,
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
