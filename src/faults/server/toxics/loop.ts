import { INTERRUPTED } from './types.js';
import type { Chunk, ToxicStub } from './types.js';

/** What a toxic does with one chunk; false returns from the pipe at once (the toxic has ended the stream or was interrupted). */
export type ChunkHandler = (chunk: Chunk) => boolean | Promise<boolean>;

/** The pipe loop most toxics share: each chunk in order to `handle` until an interrupt, and on the end
 * of input `end` (by default the stream closes at once). */
export async function eachChunk(stub: ToxicStub, handle: ChunkHandler, end: () => void | Promise<void> = () => stub.close()): Promise<void> {
  for (;;) {
    const chunk = await stub.read();
    if (chunk === INTERRUPTED) return;
    if (chunk === null) {
      await end();
      return;
    }
    const more = handle(chunk);
    if (!(typeof more === 'boolean' ? more : await more)) return;
  }
}
