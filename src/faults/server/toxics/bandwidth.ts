import { eachChunk } from './loop.js';
import { defineToxic, now } from './types.js';

const SLICE_MS = 100;

/** Limits throughput to `rate` KB/s (bytes per ms). Like the real server it keeps a running sleep
 * debt, sends large chunks in 100 ms slices, and never drops data when interrupted. */
export const bandwidth = defineToxic({
  type: 'bandwidth',
  goType: 'BandwidthToxic',
  fields: { rate: 'int64' },
  async pipe(stub, attributes) {
    let debt = 0;
    await eachChunk(stub, async (chunk) => {
      let data = chunk.data;
      debt = attributes.rate <= 0 ? 0 : debt + data.length / attributes.rate;
      // A rate of 0 never lets the data through on the real server (it loops on empty slices).
      while (attributes.rate <= 0 || data.length > attributes.rate * SLICE_MS) {
        if (!(await stub.sleepUntil(now() + SLICE_MS))) {
          stub.emit({ data, at: chunk.at });
          return false;
        }
        const size = attributes.rate * SLICE_MS;
        if (size > 0) {
          stub.emit({ data: data.subarray(0, size), at: chunk.at });
          data = data.subarray(size);
          debt -= SLICE_MS;
        }
      }
      const start = now();
      if (!(await stub.sleepUntil(start + debt))) {
        stub.emit({ data, at: chunk.at });
        return false;
      }
      debt -= now() - start;
      stub.emit({ data, at: chunk.at });
      return true;
    });
  },
});
