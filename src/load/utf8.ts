// Journeys must be UTF-8. A fatal TextDecoder only says "invalid"; authors need to know where, so the
// first bad sequence is found by hand and the rest of the file is still decoded (leniently) to keep going.

export interface Decoded {
  /** The text, with U+FFFD in place of every invalid sequence. */
  text: string;
  /** Byte offset of the first invalid sequence, when there is one. */
  invalidAt?: number;
  /** Offset in `text` of the replacement character for that sequence. */
  invalidTextOffset?: number;
}

const lenient = new TextDecoder('utf-8');
const strict = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const invalidAt = firstInvalidByte(bytes);
    const text = lenient.decode(bytes);
    return { text, invalidAt, invalidTextOffset: lenient.decode(bytes.subarray(0, invalidAt)).length };
  }
}

/** Length of the sequence that a lead byte announces, with the allowed range of its second byte. */
function sequence(lead: number): { length: number; min: number; max: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, min: 0x80, max: 0xbf };
  if (lead === 0xe0) return { length: 3, min: 0xa0, max: 0xbf };
  if (lead === 0xed) return { length: 3, min: 0x80, max: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, min: 0x80, max: 0xbf };
  if (lead === 0xf0) return { length: 4, min: 0x90, max: 0xbf };
  if (lead === 0xf4) return { length: 4, min: 0x80, max: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, min: 0x80, max: 0xbf };
  return undefined;
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const seq = sequence(lead);
    if (!seq) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < seq.min || second > seq.max) return i;
    for (let k = 2; k < seq.length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += seq.length;
  }
  return bytes.length;
}
