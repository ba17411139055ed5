import { defineToxic, INTERRUPTED, now } from './types.js';

/** Holds the close of the stream for `delay` ms after the input ended. */
export const slowClose = defineToxic({
  type: 'slow_close',
  goType: 'SlowCloseToxic',
  fields: { delay: 'int64' },
  async pipe(stub, attributes) {
    for (;;) {
      const chunk = await stub.read();
      if (chunk === INTERRUPTED) return;
      if (chunk === null) {
        if (await stub.sleepUntil(now() + attributes.delay)) stub.close();
        return;
      }
      stub.emit(chunk);
    }
  },
});
