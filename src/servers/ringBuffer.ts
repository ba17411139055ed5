// The last lines a process wrote, for failure messages: bounded so a chatty server cannot grow memory.
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

const MAX_LINE = 2000;

export class LineRing {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 200) {}

  push(line: string): void {
    this.lines.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  /** The last `count` lines (all kept lines by default). */
  tail(count = this.capacity): string[] {
    return this.lines.slice(-count);
  }

  clear(): void {
    this.lines.length = 0;
  }
}

/** Feeds a stream's lines into the ring (and to `also`), until the stream ends. */
export function captureLines(stream: Readable | null, ring: LineRing, also?: (line: string) => void): void {
  if (!stream) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    ring.push(line);
    also?.(line);
  });
}
