import { defineToxic, INTERRUPTED } from './types.js';

/** On the first data (or end of input) waits `timeout` ms, then closes; connections opened while it is
 * in the chain close with RST. The wait ignores interrupts, as in the real server. */
export const resetPeer = defineToxic({
  type: 'reset_peer',
  goType: 'ResetToxic',
  fields: { timeout: 'int64' },
  lingerZero: true,
  async pipe(stub, attributes) {
    const chunk = await stub.read();
    if (chunk === INTERRUPTED) return;
    await stub.pause(attributes.timeout);
    stub.close();
  },
});
