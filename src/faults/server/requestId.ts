// X-Toxiproxy-Request-Id: the real server stamps each API response with an xid
// (4 bytes seconds, 3 bytes machine, 2 bytes pid, 3 bytes counter, base32hex lowercase).
import { randomBytes, randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const machine = randomBytes(3);
let counter = randomInt(0, 0xffffff);

export function requestId(): string {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  machine.copy(bytes, 4);
  bytes.writeUInt16BE(process.pid & 0xffff, 7);
  counter = (counter + 1) & 0xffffff;
  bytes.writeUIntBE(counter, 9, 3);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out + ALPHABET[(value << (5 - bits)) & 31];
}
