// One toxic's place in one link: an input queue, the running pipe, and where its output goes.
// Mirrors the real server's ToxicStub; single-threaded JS lets us swap outputs without its channels.
import { passThrough } from './toxics/noop.js';
import { INTERRUPTED, now, TIMED_OUT } from './toxics/types.js';
import type { Chunk, ToxicDefinition, ToxicStub } from './toxics/types.js';

export interface Sink {
  push(chunk: Chunk): void;
  finish(): void;
}

/** What a stub runs: the toxic's definition, its live attributes and its toxicity. */
export interface RunnableToxic {
  definition: ToxicDefinition;
  attributes: Record<string, number>;
  toxicity: number;
}

export class Stub implements ToxicStub, Sink {
  output: Sink;
  readonly state: unknown;
  private readonly queue: Chunk[] = [];
  private ended = false;
  private closed = false;
  private interrupting = false;
  private wakeReader: (() => void) | undefined;
  private wakeSleeper: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();
  private pauseTimer: NodeJS.Timeout | undefined;
  private endPause: (() => void) | undefined;

  /** `account` is told how many bytes enter (+) and leave (−) the queue, for backpressure. */
  constructor(output: Sink, state: unknown, private readonly account: (bytes: number) => void) {
    this.output = output;
    this.state = state;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  push(chunk: Chunk): void {
    if (this.closed) return;
    this.queue.push(chunk);
    this.account(chunk.data.length);
    this.wake();
  }

  finish(): void {
    this.ended = true;
    this.wake();
  }

  /** Rolls toxicity (per run, as the real server) and runs the pipe until it returns. */
  run(toxic: RunnableToxic): void {
    const active = Math.random() < toxic.toxicity;
    this.running = (active ? toxic.definition.pipe(this, toxic.attributes) : passThrough(this)).catch(() => {
      this.close();
    });
  }

  /** Stops the pipe; false when the stub had already closed its output. */
  async interrupt(): Promise<boolean> {
    if (this.closed) return false;
    this.interrupting = true;
    this.wake();
    this.wakeSleeper?.();
    await this.running;
    this.interrupting = false;
    return true;
  }

  /** Hands everything queued (and the end, if reached) straight to the output. */
  flush(): void {
    for (let chunk = this.queue.shift(); chunk; chunk = this.queue.shift()) {
      this.account(-chunk.data.length);
      this.output.push(chunk);
    }
    if (this.ended) this.close();
  }

  read(): Promise<Chunk | null | typeof INTERRUPTED>;
  read(deadline: number | undefined): Promise<Chunk | null | typeof INTERRUPTED | typeof TIMED_OUT>;
  async read(deadline?: number): Promise<Chunk | null | typeof INTERRUPTED | typeof TIMED_OUT> {
    for (;;) {
      if (this.interrupting || this.closed) return INTERRUPTED;
      const chunk = this.queue.shift();
      if (chunk) {
        this.account(-chunk.data.length);
        return chunk;
      }
      if (this.ended) return null;
      if (deadline !== undefined && now() >= deadline) return TIMED_OUT;
      await new Promise<void>((resolve) => {
        const timer = deadline === undefined ? undefined : setTimeout(resolve, Math.max(1, Math.ceil(deadline - now())));
        this.wakeReader = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeReader = undefined;
    }
  }

  async sleepUntil(at: number): Promise<boolean> {
    // Timers can fire a little early against the monotonic clock: re-arm until `at` has truly passed.
    for (;;) {
      if (this.interrupting || this.closed) return false;
      const remaining = at - now();
      if (remaining <= 0) return true;
      const completed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), Math.ceil(remaining));
        this.wakeSleeper = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      this.wakeSleeper = undefined;
      if (!completed) return false;
    }
  }

  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.endPause = resolve;
      this.pauseTimer = setTimeout(resolve, Math.max(0, ms));
    });
  }

  emit(chunk: Chunk): void {
    if (!this.closed) this.output.push(chunk);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (let chunk = this.queue.shift(); chunk; chunk = this.queue.shift()) this.account(-chunk.data.length);
    this.wake();
    this.wakeSleeper?.();
    this.output.finish();
  }

  /** Stops everything without passing the end on: the connection is gone, only timers remain. */
  abort(): void {
    this.closed = true;
    for (let chunk = this.queue.shift(); chunk; chunk = this.queue.shift()) this.account(-chunk.data.length);
    clearTimeout(this.pauseTimer);
    this.endPause?.();
    this.wake();
    this.wakeSleeper?.();
  }

  private wake(): void {
    this.wakeReader?.();
  }
}
