// A stdio MCP server behind a TCP port, so a fault proxy (Toxiproxy) can stand between the client and
// the server's stdin/stdout: each accepted connection spawns its own server process whose stdin is the
// socket's incoming bytes and whose stdout goes back out, as a stdio client's spawn would. A connection
// and a process live and die together. The lifecycle mirrors ManagedServer: stop/kill end the processes
// and refuse new connections (the port stays bound, so a proxy in front keeps its upstream), start
// accepts again, restart replaces the processes.
import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { ExtraInstanceResult, HostPort } from './types.js';
import { hasExited, stopTree } from '../process/child.js';
import { spawnGroupLeader } from '../process/groupLeader.js';
import { forgetPid, recordPid } from '../process/stackDirs.js';
import { signalTree } from '../process/tree.js';
import { duplexPair } from './duplexPair.js';
import { captureLines, LineRing } from './ringBuffer.js';

/** Lines of stderr quoted in failure messages. */
const TAIL_LINES = 20;
/** After a process exits, how long its last output may take to reach the socket (a leftover grandchild
 * may hold stdout open). */
const DRAIN_LIMIT_MS = 1000;

export interface StdioHostOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Added to this process's environment for each server process. */
  env: Record<string, string>;
  /** The stack's folder: each process's pid is recorded there, so an orphaned stack's reaper finds it. */
  dir?: string;
  /** SIGTERM to SIGKILL, when a connection ends or on stop/restart/close. */
  stopGraceMs: number;
  /** Each stderr line of every process, as it comes. */
  log?: (line: string) => void;
}

interface Hosted {
  child: ChildProcess;
  socket: Duplex;
  /** True once we asked it to end: its exit is then no news. */
  ending: boolean;
  /** Resolves when the process has exited (or never started). */
  exited: Promise<void>;
}

export class StdioHost {
  readonly name: string;
  private server: Server | undefined;
  private address: HostPort | undefined;
  private accepting = false;
  private closed = false;
  private spawned = 0;
  private readonly hosted = new Set<Hosted>();
  private readonly output = new LineRing();
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: StdioHostOptions) {
    this.name = options.name;
  }

  /** The host's own listener (clients normally reach it through a proxy); 0 before listen(). */
  get port(): number {
    return this.address?.port ?? 0;
  }

  /** No URL reaches a stdio server: this names it, for messages and reports. */
  get url(): string {
    return `stdio://${this.name}`;
  }

  /** True while connections are accepted (each one starts a server process). */
  get running(): boolean {
    return this.accepting && this.server?.listening === true;
  }

  /** The newest server process still running, if any. */
  get pid(): number | undefined {
    let newest: number | undefined;
    for (const h of this.hosted) if (!hasExited(h.child) && h.child.pid !== undefined) newest = h.child.pid;
    return newest;
  }

  /** Binds 127.0.0.1 on a free port and accepts; the same address on later calls. */
  async listen(): Promise<HostPort> {
    if (this.closed) throw new Error(`stdio host ${this.name} is closed`);
    if (this.address) return this.address;
    const server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => this.output.push(`[stdio host] ${e.message}`));
    const { address, port } = server.address() as AddressInfo;
    this.address = { host: address, port };
    this.accepting = true;
    return this.address;
  }

  /** A connection from this process without TCP: what a socket to the host would be, one hop fewer.
   * For a client no fault proxy stands in front of (src/worker/reach.ts). */
  attach(): Duplex {
    if (this.closed) throw new Error(`the stdio host of ${this.name} is closed`);
    const [client, host] = duplexPair();
    // As a socket's: open at once, taken (or refused, when stopped) a moment later, so what the client
    // sends first is buffered and a refusal is a closed connection, not one that never opened.
    setImmediate(() => this.accept(host));
    return client;
  }

  /** The last stderr lines of the server processes, across connections. */
  stderr(lines = TAIL_LINES): string[] {
    return this.output.tail(lines);
  }

  /** Accept connections again (listening first if need be). */
  start(): Promise<void> {
    return this.serial(async () => {
      await this.listen();
      this.accepting = true;
    });
  }

  /** Refuse new connections; SIGTERM every process, SIGKILL after the grace period. */
  stop(): Promise<void> {
    return this.serial(() => {
      this.accepting = false;
      return this.endAll('SIGTERM');
    });
  }

  /** Refuse new connections; SIGKILL every process. */
  kill(): Promise<void> {
    return this.serial(() => {
      this.accepting = false;
      return this.endAll('SIGKILL');
    });
  }

  /** Ends every process gracefully and keeps accepting: the next connection gets a new process. */
  restart(): Promise<void> {
    return this.serial(async () => {
      await this.endAll('SIGTERM');
      await this.listen();
      this.accepting = true;
    });
  }

  startExtra(_options: { port?: number; env?: Record<string, string>; timeoutMs?: number }): Promise<ExtraInstanceResult> {
    return Promise.reject(new Error(`startExtra is not supported for stdio servers (${this.name}): a stdio server has no port of its own`));
  }

  /** Synchronous last resort for process exit. */
  killNow(): void {
    for (const h of this.hosted) if (h.child.pid !== undefined) signalTree(h.child.pid, 'SIGKILL');
  }

  /** Ends every process and the listener. Idempotent, never throws. */
  close(): Promise<void> {
    this.closed = true;
    this.accepting = false;
    this.closing ??= this.serial(async () => {
      await this.endAll('SIGTERM');
      const server = this.server;
      if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    }).catch((e: unknown) => this.output.push(`[stdio host] close: ${String(e)}`));
    return this.closing;
  }

  /** Runs lifecycle operations one at a time, in call order, whatever the previous one's fate. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async endAll(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await Promise.all([...this.hosted].map((h) => this.end(h, signal)));
  }

  private async end(h: Hosted, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    h.ending = true;
    await stopTree(h.child, signal === 'SIGKILL' ? 0 : this.options.stopGraceMs, signal);
    await h.exited;
  }

  private accept(socket: Duplex): void {
    if (!this.accepting || this.closed) {
      socket.destroy();
      return;
    }
    const number = ++this.spawned;
    const label = `${this.name}.stdio-${number}`;
    const child = spawnGroupLeader(this.options.command, this.options.args, {
      cwd: this.options.cwd,
      // MCP_READY_FILE under the stack folder is how the orphan reaper (process/stackDirs.ts) tells a
      // recorded pid is still ours; a stdio server never writes it.
      env: { ...process.env, ...this.options.env, ...(this.options.dir ? { MCP_READY_FILE: path.join(this.options.dir, `${label}.ready.json`) } : {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const h: Hosted = { child, socket, ending: false, exited: Promise.resolve() };
    h.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        if (!h.ending) this.output.push(`--- ${label} exited (${signal ? `signal ${signal}` : `code ${String(code)}`}) ---`);
        resolve();
      });
      // A failed spawn (ENOENT, EACCES) may never emit 'exit'.
      child.once('error', (e) => {
        this.output.push(`[spawn error] ${label}: ${e.message}`);
        if (child.pid === undefined) resolve();
      });
    });
    this.hosted.add(h);
    captureLines(child.stderr, this.output, this.options.log);
    // Both ends can vanish mid-write (EPIPE, ECONNRESET); the close handlers below tell what happened.
    child.stdin?.on('error', () => undefined);
    socket.on('error', () => undefined);
    if (child.stdin) socket.pipe(child.stdin);
    // The socket ends after the process exits (below), never on stdout's end alone: a connection closed
    // before the exit is then always the client's (or the proxy's) doing.
    child.stdout?.pipe(socket, { end: false });

    const pidFile = this.options.dir && child.pid !== undefined ? path.join(this.options.dir, `${label}.pid`) : undefined;
    if (pidFile && child.pid !== undefined) void recordPid(pidFile, child.pid).catch(() => undefined);

    socket.once('close', () => {
      // The client went (or the proxy cut it): the server's stdin ends, then its tree is stopped.
      child.stdin?.end();
      void this.end(h, 'SIGTERM');
    });
    void h.exited.then(async () => {
      // Its last output first, bounded; then the client sees the connection end.
      let timer: NodeJS.Timeout | undefined;
      const drained = new Promise<void>((resolve) => {
        if (child.stdout === null || child.stdout.readableEnded) resolve();
        else child.stdout.once('close', () => resolve());
        timer = setTimeout(resolve, DRAIN_LIMIT_MS);
      });
      await drained;
      clearTimeout(timer);
      if (!socket.destroyed) socket.end(() => socket.destroy());
      setTimeout(() => socket.destroy(), DRAIN_LIMIT_MS).unref();
      this.hosted.delete(h);
      if (pidFile) await forgetPid(pidFile);
    });
  }
}
