import { eachChunk } from './loop.js';
import { defineToxic, now } from './types.js';
import { randomInt } from './random.js';

/** Each chunk leaves `latency ± jitter` ms after it arrived; the wait is measured from the chunk's own
 * arrival, so queued chunks do not add up timer error. */
export const latency = defineToxic({
  type: 'latency',
  goType: 'LatencyToxic',
  fields: { latency: 'int64', jitter: 'int64' },
  async pipe(stub, attributes) {
    await eachChunk(stub, async (chunk) => {
      const jitter = attributes.jitter;
      const delay = attributes.latency + (jitter > 0 ? randomInt(jitter * 2) - jitter : 0);
      // As the real server: the new stamp is arrival + remaining sleep, so chained latencies add up.
      const sleep = delay - (now() - chunk.at);
      if (!(await stub.sleepUntil(chunk.at + delay))) {
        stub.emit(chunk); // interrupted: never drop data
        return false;
      }
      stub.emit({ data: chunk.data, at: chunk.at + sleep });
      return true;
    });
  },
});
