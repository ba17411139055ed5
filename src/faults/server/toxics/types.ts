// What a toxic sees of one direction of one connection. The model is the real server's ToxicStub: a
// toxic's pipe reads chunks in order, may hold or drop them, writes what passes on, and can close
// the stream. Interrupts (the toxic is updated or removed) surface as INTERRUPTED / a false sleep.

/** Bytes read from a socket, stamped with the monotonic time (ms) they arrived or are due. */
export interface Chunk {
  data: Buffer;
  at: number;
}

export const INTERRUPTED = Symbol('interrupted');
export const TIMED_OUT = Symbol('timed out');

export interface ToxicStub {
  /** The next chunk; null once the input has ended (and on every later read); INTERRUPTED when the
   * pipe must return so the chain can change; TIMED_OUT once the monotonic time passes `deadline`.
   * Never consumes a chunk it does not return. */
  read(): Promise<Chunk | null | typeof INTERRUPTED>;
  read(deadline: number | undefined): Promise<Chunk | null | typeof INTERRUPTED | typeof TIMED_OUT>;
  /** Waits until the monotonic time `at`; false when interrupted first. */
  sleepUntil(at: number): Promise<boolean>;
  /** Waits regardless of interrupts (the real reset_peer toxic does). */
  pause(ms: number): Promise<void>;
  emit(chunk: Chunk): void;
  /** Ends the output now; later input is dropped. */
  close(): void;
  /** Per-connection state from the definition's newState, kept across updates. */
  readonly state: unknown;
}

/** Go types of the attribute fields, for decoding and its error messages. */
export type AttributeKind = 'int64' | 'int';

export interface ToxicDefinition<K extends string = string> {
  type: string;
  /** The real server's Go type name, as it appears in its JSON decoding errors. */
  goType: string;
  /** Attribute names in the order the real server serialises them, all zero by default. */
  fields: Readonly<Record<K, AttributeKind>>;
  /** Live attributes: updates are visible to a running pipe, as in the real server. */
  pipe(stub: ToxicStub, attributes: Readonly<Record<K, number>>): Promise<void>;
  newState?(): unknown;
  /** Runs when the toxic is removed from a live connection. */
  cleanup?(stub: ToxicStub): void;
  /** Connections opened while this toxic is in the chain close with RST (the real server's SetLinger(0)). */
  lingerZero?: boolean;
}

export function defineToxic<K extends string>(definition: ToxicDefinition<K>): ToxicDefinition {
  return definition;
}

export function now(): number {
  return performance.now();
}
