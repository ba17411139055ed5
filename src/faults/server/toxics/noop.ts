import { eachChunk } from './loop.js';
import { defineToxic } from './types.js';
import type { ToxicStub } from './types.js';

/** Passes everything through; also what a toxic runs as when its toxicity roll fails. */
export function passThrough(stub: ToxicStub): Promise<void> {
  return eachChunk(stub, (chunk) => {
    stub.emit(chunk);
    return true;
  });
}

export const noop = defineToxic({ type: 'noop', goType: 'NoopToxic', fields: {}, pipe: passThrough });
