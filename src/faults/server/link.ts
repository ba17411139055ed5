// One direction of one connection: source bytes → the toxics of that direction, in order → writer.
// Toxics added later join the end of the chain; removed ones hand their queued data on first.
import { Stub } from './stub.js';
import type { RunnableToxic, Sink } from './stub.js';
import type { Chunk } from './toxics/types.js';

export type StreamDirection = 'upstream' | 'downstream';

export interface ChainToxic extends RunnableToxic {
  name: string;
  direction: StreamDirection;
}

interface Entry {
  toxic: ChainToxic;
  stub: Stub;
}

export class Link implements Sink {
  private readonly entries: Entry[] = [];
  private queuedBytes = 0;

  /** `onQueued` hears the bytes waiting inside the chain after every change (for backpressure). */
  constructor(
    readonly direction: StreamDirection,
    chain: readonly ChainToxic[],
    private readonly writer: Sink,
    private readonly onQueued: (bytes: number) => void,
  ) {
    for (const toxic of chain) this.append(toxic, false);
  }

  get queued(): number {
    return this.queuedBytes;
  }

  /** Starts every pipe; separate from construction so the connection is wired first. */
  start(): void {
    for (const { stub, toxic } of this.entries) stub.run(toxic);
  }

  push(chunk: Chunk): void {
    (this.entries[0]?.stub ?? this.writer).push(chunk);
  }

  finish(): void {
    (this.entries[0]?.stub ?? this.writer).finish();
  }

  add(toxic: ChainToxic): void {
    this.append(toxic, true);
  }

  /** The real server re-runs an updated toxic (rolling its toxicity again). */
  async update(toxic: ChainToxic): Promise<void> {
    const entry = this.entries.find((e) => e.toxic === toxic);
    if (entry && (await entry.stub.interrupt())) entry.stub.run(toxic);
  }

  async remove(toxic: ChainToxic): Promise<void> {
    const entry = this.entries.find((e) => e.toxic === toxic);
    if (!entry) return;
    if (await entry.stub.interrupt()) {
      toxic.definition.cleanup?.(entry.stub);
      entry.stub.flush();
    }
    const index = this.entries.indexOf(entry);
    if (index < 0) return;
    const previous = this.entries[index - 1];
    if (previous) previous.stub.output = entry.stub.output;
    this.entries.splice(index, 1);
  }

  /** The connection is gone: stop every pipe and timer without delivering anything more. */
  abort(): void {
    for (const { stub } of this.entries) stub.abort();
  }

  private append(toxic: ChainToxic, run: boolean): void {
    const stub = new Stub(this.writer, toxic.definition.newState?.(), (bytes) => {
      this.queuedBytes += bytes;
      this.onQueued(this.queuedBytes);
    });
    const last = this.entries.at(-1);
    if (last) last.stub.output = stub;
    this.entries.push({ toxic, stub });
    if (run) stub.run(toxic);
  }
}
