import { defineToxic, INTERRUPTED } from './types.js';
import type { ToxicStub } from './types.js';

/** Passes everything through; also what a toxic runs as when its toxicity roll fails. */
export async function passThrough(stub: ToxicStub): Promise<void> {
  for (;;) {
    const chunk = await stub.read();
    if (chunk === INTERRUPTED) return;
    if (chunk === null) {
      stub.close();
      return;
    }
    stub.emit(chunk);
  }
}

export const noop = defineToxic({ type: 'noop', goType: 'NoopToxic', fields: {}, pipe: passThrough });
