// Every toxic type the real server registers, by type name.
import { bandwidth } from './bandwidth.js';
import { latency } from './latency.js';
import { limitData } from './limitData.js';
import { noop } from './noop.js';
import { resetPeer } from './resetPeer.js';
import { slicer } from './slicer.js';
import { slowClose } from './slowClose.js';
import { timeout } from './timeout.js';
import type { ToxicDefinition } from './types.js';

const registry = new Map<string, ToxicDefinition>(
  [noop, latency, bandwidth, slowClose, timeout, resetPeer, slicer, limitData].map((t) => [t.type, t]),
);

export function toxicDefinition(type: string): ToxicDefinition | undefined {
  return registry.get(type);
}
