// What every chart shares: an SVG frame with a heading and a y axis, x-axis ticks and dashed threshold
// lines, so each chart file draws only its own marks.
import { escapeXml, fitText, niceTicks } from '../svgText.js';

export interface ThresholdLine {
  label: string;
  ms: number;
}

const FONT = 12;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const COLOURS = { bar: '#1565c0', over: '#c62828', threshold: '#c62828', baseline: '#6a1b9a', p50: '#2e7d32', p95: '#ef6c00', error: '#c62828', point: '#1565c0' };

export function fmt(ms: number): string {
  if (ms >= 10_000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${ms >= 100 ? Math.round(ms) : Number(ms.toFixed(ms >= 10 ? 1 : 2))} ms`;
}

export interface Frame {
  out: string[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Pixel row of a latency. */
  y: (ms: number) => number;
}

/** Opens an SVG with a heading and a y axis (milliseconds unless `label` says otherwise) up to at least `max`; close with `end`. */
export function frame(kind: string, title: string | undefined, max: number, width: number, height: number, label: (v: number) => string = fmt): Frame {
  const out: string[] = [];
  const heading = title ? `${kind}: ${title}` : kind;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT}">`);
  out.push(`<title>${escapeXml(heading)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text class="heading" x="8" y="20" font-size="14" font-weight="600" fill="#212121">${escapeXml(fitText(heading, width - 16, 14))}</text>`);
  const ticks = niceTicks(Math.max(max, 0.001));
  const top = ticks[ticks.length - 1] ?? 1;
  const [x0, x1, y0, y1] = [64, width - 16, 40, height - 48];
  const f: Frame = { out, x0, x1, y0, y1, y: (v) => y1 - (Math.min(Math.max(v, 0), top) / top) * (y1 - y0) };
  out.push(`<g class="axis" fill="#616161" stroke="#e0e0e0">`);
  for (const t of ticks) {
    const y = f.y(t).toFixed(1);
    out.push(`<line x1="${f.x0}" y1="${y}" x2="${f.x1}" y2="${y}"/><text x="${f.x0 - 6}" y="${y}" dy="4" text-anchor="end" stroke="none">${escapeXml(label(t))}</text>`);
  }
  out.push('</g>');
  return f;
}

/** Tick labels under the plot for values from `lo` to `hi` placed by `x`. */
export function xTicks(f: Frame, lo: number, hi: number, x: (v: number) => number, label: (v: number) => string): void {
  const step = niceTicks(Math.max(hi - lo, 1e-9), 6)[1] ?? 1;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  f.out.push('<g class="x-axis" fill="#424242">');
  for (const t of ticks) {
    const px = x(t).toFixed(1);
    f.out.push(`<line x1="${px}" y1="${f.y1}" x2="${px}" y2="${f.y1 + 4}" stroke="#9e9e9e"/><text x="${px}" y="${f.y1 + 18}" text-anchor="middle">${escapeXml(label(t))}</text>`);
  }
  f.out.push('</g>');
}

export function end(f: Frame): string {
  f.out.push('</svg>');
  return f.out.join('\n');
}

export function thresholdLines(f: Frame, lines: readonly ThresholdLine[]): void {
  for (const [i, line] of lines.entries()) {
    const y = f.y(line.ms).toFixed(1);
    const colour = i === 0 ? COLOURS.threshold : COLOURS.baseline;
    f.out.push(`<g class="threshold"><line x1="${f.x0}" y1="${y}" x2="${f.x1}" y2="${y}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="6 4"/>`
      + `<text x="${f.x0 + 6 + i * 160}" y="${y}" dy="-4" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(`${line.label} ${fmt(line.ms)}`)}</text></g>`);
  }
}
