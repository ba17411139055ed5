// Starts and stops the purpose-built test server (testServer.ts) for the runner's own tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import treeKill from 'tree-kill';

export const testServerPath = fileURLToPath(new URL('./testServer.ts', import.meta.url));
/** A server that never answers anything (muteServer.ts); same command line as the test server. */
export const muteServerPath = fileURLToPath(new URL('./muteServer.ts', import.meta.url));
/** A server that sends progress, logs, list_changed and resources/updated (notifyServer.ts); same command line. */
/** A streamable HTTP server that refuses calls above `--limit` in flight and tells its open sessions on /stats (limitServer.ts). */
export const limitServerPath = fileURLToPath(new URL('./limitServer.ts', import.meta.url));
export const notifyServerPath = fileURLToPath(new URL('./notifyServer.ts', import.meta.url));
/** A server whose answers and tool contract drift with its environment (driftServer.ts); same command line, stdio only. */
export const driftServerPath = fileURLToPath(new URL('./driftServer.ts', import.meta.url));
// Absolute, so the server starts whatever the working directory (a bare `--import tsx` resolves from it).
const tsxLoader = import.meta.resolve('tsx');

export type TestTransport = 'stdio' | 'http' | 'sse';

/** The command line that runs the test server (or another `script` like it) over stdio (for an `.mcp.json` stdio entry). */
export function testServerCommand(name = 'test-server', script = testServerPath): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', tsxLoader, script, '--transport', 'stdio', '--name', name] };
}

export interface StartOptions {
  transport: Exclude<TestTransport, 'stdio'>;
  /** 0 (default) picks a free port; pass the old port to restart "the same" server. */
  port?: number;
  name?: string;
  /** http: POSTs are answered with application/json rather than an event stream. */
  jsonResponse?: boolean;
  /** How long to wait for the listening line (default 20 s). */
  readyTimeoutMs?: number;
  /** Another purpose-built server that announces itself the same way (default testServer.ts). */
  script?: string;
  /** More command-line options for that server. */
  args?: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Kills the process tree (SIGKILL by default: a crash, not a shutdown) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startTestServer(options: StartOptions): Promise<RunningServer> {
  const args = ['--import', tsxLoader, options.script ?? testServerPath, '--transport', options.transport, '--port', String(options.port ?? 0)];
  if (options.name) args.push('--name', options.name);
  if (options.jsonResponse) args.push('--json-response');
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const ready = await new Promise<{ port: number; url: string }>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`test server (${options.transport}) not ready after ${options.readyTimeoutMs ?? 20_000} ms:\n${stderr}`)), options.readyTimeoutMs ?? 20_000);
    const fail = (error: Error) => { clearTimeout(timer); killTree(child); reject(error); };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const line = /^\{"event":"listening".*\}$/m.exec(stderr);
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line[0]) as { port: number; url: string });
    });
    child.once('exit', (code, signal) => fail(new Error(`test server exited before it was ready (code ${code}, signal ${signal}):\n${stderr}`)));
  });
  return {
    ...ready,
    pid: child.pid ?? -1,
    stderr: () => stderr,
    stop: async (signal = 'SIGKILL') => {
      killTree(child, signal);
      await exited;
    },
  };
}

function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  treeKill(child.pid, signal);
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
