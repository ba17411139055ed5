import { eachChunk } from './loop.js';
import { defineToxic } from './types.js';

interface LimitState {
  transmitted: number;
}

function isLimitState(value: unknown): value is LimitState {
  return typeof value === 'object' && value !== null && 'transmitted' in value;
}

/** Closes the stream once `bytes` bytes have passed; the count lives as long as the connection. */
export const limitData = defineToxic({
  type: 'limit_data',
  goType: 'LimitDataToxic',
  fields: { bytes: 'int64' },
  newState: (): LimitState => ({ transmitted: 0 }),
  async pipe(stub, attributes) {
    const state = isLimitState(stub.state) ? stub.state : { transmitted: 0 };
    await eachChunk(stub, (chunk) => {
      const remaining = Math.max(0, attributes.bytes - state.transmitted);
      const data = remaining < chunk.data.length ? chunk.data.subarray(0, remaining) : chunk.data;
      if (data.length > 0) {
        stub.emit({ data, at: chunk.at });
        state.transmitted += data.length;
      }
      if (attributes.bytes - state.transmitted <= 0) {
        stub.close();
        return false;
      }
      return true;
    });
  },
});
