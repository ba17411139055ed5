// One launched server under the stack's control: start, stop, kill and restart on the same port,
// plus extra instances (e.g. into a port that is already taken) whose ending is reported as data.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ExtraInstanceResult, ManagedServer } from './types.js';
import { hasExited, stopTree } from '../process/child.js';
import { forgetPid, recordPid } from '../process/stackDirs.js';
import { signalTree } from '../process/tree.js';
import { LineRing } from './ringBuffer.js';
import { launch, ServerStartError, type Launched, type LaunchSpec } from './serverProcess.js';

/** Lines of output quoted in failure messages. */
const TAIL_LINES = 20;

export interface ManagedServerOptions extends LaunchSpec {
  /** The environment for an instance listening on `port` (the definition's placeholders filled in). */
  envFor: (port: number) => Record<string, string>;
  /** Port the process listens on; kept across restarts. */
  port: number;
  /** Base URL clients use (through the server's link). */
  url: string;
  /** The stack's folder for ready and pid files. */
  dir: string;
  startTimeoutMs: number;
  stopGraceMs: number;
  /** The process ended while it was meant to be up (a crash, or killed from outside). */
  onUnexpectedExit?: (server: string, message: string) => void;
}

export class ProcessServer implements ManagedServer {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  private readonly output = new LineRing();
  private current: Launched | undefined;
  /** True between a completed start and the next stop/kill we ask for. */
  private up = false;
  private queue: Promise<unknown> = Promise.resolve();
  private extras = 0;
  /** Extra instances still being waited for. */
  private readonly extraChildren = new Set<ChildProcess>();

  constructor(private readonly options: ManagedServerOptions) {
    this.name = options.name;
    this.port = options.port;
    this.url = options.url;
  }

  get pid(): number | undefined {
    return this.running ? this.current?.child.pid : undefined;
  }

  get running(): boolean {
    return this.current !== undefined && !hasExited(this.current.child);
  }

  /** The last lines the server wrote (stderr and stdout), across restarts. */
  stderr(lines = TAIL_LINES): string[] {
    return this.output.tail(lines);
  }

  start(): Promise<void> {
    return this.serial(() => this.launchAndWait());
  }

  stop(): Promise<void> {
    return this.serial(() => this.halt('SIGTERM'));
  }

  kill(): Promise<void> {
    return this.serial(() => this.halt('SIGKILL'));
  }

  restart(): Promise<void> {
    return this.serial(async () => {
      await this.halt('SIGTERM');
      await this.launchAndWait();
    });
  }

  /** Synchronous last resort for process exit. */
  killNow(): void {
    for (const child of [this.current?.child, ...this.extraChildren]) {
      if (child?.pid !== undefined) signalTree(child.pid, 'SIGKILL');
    }
  }

  /** Stops the server and any extra instance still running: nothing of this server is left. */
  async dispose(): Promise<void> {
    await Promise.all([...this.extraChildren].map((child) => stopTree(child, 0, 'SIGKILL')));
    await this.stop();
  }

  async startExtra(options: { port?: number; env?: Record<string, string>; timeoutMs?: number }): Promise<ExtraInstanceResult> {
    const label = `${this.name}.extra-${++this.extras}`;
    const output = new LineRing(500);
    const port = options.port ?? this.port;
    const env = { ...this.options.envFor(port), ...options.env };
    const extra = launch({ ...this.options, log: undefined }, env, port, path.join(this.options.dir, `${label}.ready.json`),
      options.timeoutMs ?? this.options.startTimeoutMs, output);
    this.extraChildren.add(extra.child);
    const pidFile = await this.track(extra.child, label);
    const outcome = await extra.readiness;
    if (outcome.kind === 'ready') await stopTree(extra.child, this.options.stopGraceMs);
    else await stopTree(extra.child, 0, 'SIGKILL');
    await extra.drained();
    this.extraChildren.delete(extra.child);
    await forgetPid(pidFile);
    return {
      exitCode: extra.child.exitCode,
      signal: extra.child.signalCode,
      stderr: output.tail().join('\n'),
      elapsedMs: outcome.elapsedMs,
      ready: outcome.kind === 'ready',
    };
  }

  /** Runs lifecycle operations one at a time, in call order, whatever the previous one's fate. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async track(child: ChildProcess, label: string): Promise<string> {
    const file = path.join(this.options.dir, `${label}.pid`);
    if (child.pid !== undefined) await recordPid(file, child.pid);
    return file;
  }

  private async launchAndWait(): Promise<void> {
    if (this.running) return;
    const readyFile = path.join(this.options.dir, `${this.name}.ready.json`);
    await rm(readyFile, { force: true });
    if (this.current) this.output.push(`--- ${this.name} started again ---`);
    const launched = launch(this.options, this.options.envFor(this.port), this.port, readyFile, this.options.startTimeoutMs, this.output);
    this.current = launched;
    const pidFile = await this.track(launched.child, this.name);
    launched.child.once('exit', (code, signal) => {
      void forgetPid(pidFile);
      if (!this.up || this.current !== launched) return;
      this.up = false;
      this.options.onUnexpectedExit?.(this.name, `${this.name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}).`);
    });
    const outcome = await launched.readiness;
    const wrongPort = outcome.kind === 'ready' && outcome.info !== undefined && outcome.info.port !== this.port;
    if (outcome.kind === 'ready' && !wrongPort) {
      this.up = true;
      return;
    }
    await stopTree(launched.child, 0, 'SIGKILL');
    await launched.drained();
    const detail = outcome.kind === 'ready' ? `it reported port ${outcome.info?.port ?? '?'}, expected ${this.port}` : '';
    throw new ServerStartError(this.name, launched.command, outcome, this.output.tail(TAIL_LINES), detail);
  }

  private async halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    this.up = false;
    const launched = this.current;
    if (!launched) return;
    await stopTree(launched.child, signal === 'SIGKILL' ? 0 : this.options.stopGraceMs, signal);
    await launched.drained();
  }
}
