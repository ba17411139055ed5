// What a connection received that was not a message the client could use: lines or bodies that are not
// JSON or not JSON-RPC, replies to ids nobody asked for, a reply cut off by the end of the connection.
// The SDK drops these (or reports them only to onerror), so a call whose reply never came would look like
// a plain timeout or a lost connection; the record lets it say what really arrived.
import { ReadBuffer, deserializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** How much of the offending bytes a message quotes. */
export const QUOTE_BYTES = 200;
/** Entries kept per connection: enough to find the first one after a call started. */
const KEPT = 20;

/** The first QUOTE_BYTES bytes, on one line, with an ellipsis when there was more. */
export function quoteBytes(bytes: Buffer | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const head = buffer.subarray(0, QUOTE_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
  const more = buffer.length > QUOTE_BYTES ? '…' : '';
  // Control characters (a newline inside the bytes) are shown escaped, so the quote stays one line.
  const visible = head.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));
  return `${visible}${more}`;
}

/** A reply that arrived whole but cannot be read as JSON-RPC; the request it answered fails with it. */
export class UnreadableReply extends Error {
  override readonly name = 'UnreadableReply';
}

export class Noise {
  private readonly entries: { seq: number; what: string }[] = [];
  private seq = 0;
  private framing: (() => void) | undefined;
  private quoted = 0;

  /** `end` notes what is left of an unfinished message. */
  watch(end: () => void): void {
    this.framing = end;
  }

  /** The connection is over: a message still unfinished is noise. Some transports never tell their
   * framing that the stream ended before the client learns of it, so the client's onclose calls this. */
  ended(): void {
    this.framing?.();
  }

  note(what: string): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, what });
    if (this.entries.length > KEPT) this.entries.shift();
  }

  /** Noted here with its bytes, ahead of the SDK's own report of it (which `takeQuoted` then skips). */
  noteQuoted(what: string): void {
    this.note(what);
    this.quoted += 1;
  }

  /** Whether an error the SDK reported was already noted with its bytes. */
  takeQuoted(): boolean {
    if (this.quoted === 0) return false;
    this.quoted -= 1;
    return true;
  }

  /** A point in time for since(). */
  mark(): number {
    return this.seq;
  }

  /** The first noise after `mark`, and how much more came, as words for a message; undefined if none. */
  since(mark: number): string | undefined {
    const first = this.entries.find((e) => e.seq > mark);
    if (!first) return undefined;
    const more = this.seq - first.seq;
    return more > 0 ? `${first.what} (and ${more} more unusable messages)` : first.what;
  }
}

/** Describes bytes that did not read as a JSON-RPC message; `error` is what reading them threw. */
export function describeUnreadable(unit: string, bytes: Buffer | string, error: unknown): string {
  const json = error instanceof SyntaxError ? 'not JSON' : 'JSON but not JSON-RPC';
  return `${unit} that is ${json}: ${quoteBytes(bytes)}`;
}

/** The SDK's stdio framing (one JSON-RPC message per line), with every line it cannot use noted, and an
 * unfinished line noted when the connection ends. Same interface as the SDK's ReadBuffer. */
export class JsonRpcLines extends ReadBuffer {
  private pending: Buffer | undefined;

  constructor(private readonly options: { maxBufferSize: number; noise?: Noise | undefined }) {
    super(options);
    options.noise?.watch(() => this.clear());
  }

  override append(chunk: Buffer): void {
    const size = (this.pending?.length ?? 0) + chunk.length;
    if (size > this.options.maxBufferSize) {
      this.pending = undefined;
      throw new Error(`ReadBuffer exceeded maximum size of ${this.options.maxBufferSize} bytes`);
    }
    this.pending = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
  }

  override readMessage(): JSONRPCMessage | null {
    for (;;) {
      const buffer = this.pending;
      if (!buffer) return null;
      const index = buffer.indexOf('\n');
      if (index === -1) return null;
      const end = index > 0 && buffer[index - 1] === 0x0d ? index - 1 : index;
      const line = buffer.subarray(0, end);
      this.pending = index + 1 < buffer.length ? buffer.subarray(index + 1) : undefined;
      const text = line.toString('utf8');
      // Blank lines carry nothing: skipped without a word, as a reader of a log would.
      if (/^\s*$/.test(text)) continue;
      try {
        return deserializeMessage(text);
      } catch (error) {
        const what = describeUnreadable('a line', line, error);
        this.options.noise?.note(what);
        throw new Error(`the server sent ${what}`, { cause: error });
      }
    }
  }

  override clear(): void {
    const rest = this.pending;
    this.pending = undefined;
    if (rest && rest.toString('utf8').trim() !== '') this.options.noise?.note(`a line it never finished: ${quoteBytes(rest)}`);
  }
}
