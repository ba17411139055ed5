import { eachChunk } from './loop.js';
import { defineToxic, now } from './types.js';
import { randomInt } from './random.js';

interface SliceSizes {
  average_size: number;
  size_variation: number;
}

/** Offsets pairs [start, end, start, end, …] splitting [start, end) into about average_size pieces,
 * halving recursively so no piece is biased to the front or back. */
export function sliceOffsets(start: number, end: number, sizes: SliceSizes): number[] {
  const variation = Math.max(0, sizes.size_variation);
  // The real server recurses forever on pieces of 1 byte when average_size is 0; stop there instead.
  if (end - start - sizes.average_size <= variation || end - start <= 1) return [start, end];
  let mid = start + Math.floor((end - start) / 2);
  if (variation > 0) mid += randomInt(variation * 2) - variation;
  mid = Math.min(end - 1, Math.max(start + 1, mid));
  return [...sliceOffsets(start, mid, sizes), ...sliceOffsets(mid, end, sizes)];
}

/** Slices each chunk into smaller writes, `delay` µs apart. */
export const slicer = defineToxic({
  type: 'slicer',
  goType: 'SlicerToxic',
  fields: { average_size: 'int', size_variation: 'int', delay: 'int' },
  async pipe(stub, attributes) {
    await eachChunk(stub, async (chunk) => {
      const offsets = sliceOffsets(0, chunk.data.length, attributes);
      for (let i = 1; i < offsets.length; i += 2) {
        const end = offsets[i] ?? chunk.data.length;
        stub.emit({ data: chunk.data.subarray(offsets[i - 1] ?? 0, end), at: chunk.at });
        if (!(await stub.sleepUntil(now() + attributes.delay / 1000))) {
          if (end < chunk.data.length) stub.emit({ data: chunk.data.subarray(end), at: chunk.at });
          return false;
        }
      }
      return true;
    });
  },
});
