import { defineToxic, INTERRUPTED, now, TIMED_OUT } from './types.js';

/** Drops all data; closes the stream `timeout` ms after it started (0: never). Removing it closes the
 * stream too, exactly as the real server's cleanup does. */
export const timeout = defineToxic({
  type: 'timeout',
  goType: 'TimeoutToxic',
  fields: { timeout: 'int64' },
  async pipe(stub, attributes) {
    const deadline = attributes.timeout > 0 ? now() + attributes.timeout : undefined;
    for (;;) {
      const chunk = await stub.read(deadline);
      if (chunk === INTERRUPTED) return;
      if (chunk === null || chunk === TIMED_OUT) {
        stub.close();
        return;
      }
    }
  },
  cleanup(stub) {
    stub.close();
  },
});
