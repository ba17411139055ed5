// Text and scale helpers for hand-built SVG: XML escaping, fitting a label into a width without a font
// to measure with, and round axis ticks.

// Characters XML 1.0 does not allow at all: an SVG containing one does not render.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Average advance of a proportional sans-serif glyph, as a fraction of the font size. */
const AVERAGE_GLYPH = 0.58;

/** The text, cut with an ellipsis so it fits in `width` pixels at `fontSize` (estimated, not measured). */
export function fitText(text: string, width: number, fontSize: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const room = Math.max(1, Math.floor(width / (fontSize * AVERAGE_GLYPH)));
  const chars = [...flat];
  return chars.length <= room ? flat : `${chars.slice(0, Math.max(1, room - 1)).join('')}…`;
}

/** 0 and round steps (1, 2, 2.5 or 5 × 10^k) up to at least `max`, about five of them. */
export function niceTicks(max: number, target = 5): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const raw = top / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const value = Number((i * step).toPrecision(12));
    ticks.push(value);
    if (value >= top) break;
  }
  return ticks;
}
