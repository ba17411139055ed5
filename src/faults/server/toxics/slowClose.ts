import { eachChunk } from './loop.js';
import { defineToxic, now } from './types.js';

/** Holds the close of the stream for `delay` ms after the input ended. */
export const slowClose = defineToxic({
  type: 'slow_close',
  goType: 'SlowCloseToxic',
  fields: { delay: 'int64' },
  async pipe(stub, attributes) {
    await eachChunk(
      stub,
      (chunk) => {
        stub.emit(chunk);
        return true;
      },
      async () => {
        if (await stub.sleepUntil(now() + attributes.delay)) stub.close();
      },
    );
  },
});
