// Charts for a benchmark or load result, as self-contained SVG (no scripts, fonts or images) so they
// render as Allure image attachments and from a file:// report: percentile bars with the thresholds
// drawn, a latency histogram, and latency over time with the p95 threshold.
import { escapeXml } from '../svgText.js';
import { COLOURS, end, fmt, frame, thresholdLines, xTicks } from './chartFrame.js';
import type { ThresholdLine } from './chartFrame.js';
import { renderBreakingPoint } from './breakingChart.js';
import { LatencyHistogram } from './histogram.js';
import type { HistogramBin } from './histogram.js';
import type { TimePoint } from './timeSeries.js';
import type { LatencyFigures, PerfResult } from './types.js';
import { figuresOf } from './types.js';

/** Bars for p50, p90, p95, p99 and max; a bar over the first threshold is drawn red. */
export function renderPercentileBars(figures: LatencyFigures, options: { title?: string; thresholds?: readonly ThresholdLine[]; width?: number } = {}): string {
  const width = Math.max(360, options.width ?? 640);
  const lines = (options.thresholds ?? []).filter((l) => Number.isFinite(l.ms) && l.ms > 0);
  const bars: [string, number][] = [['p50', figures.p50_ms], ['p90', figures.p90_ms], ['p95', figures.p95_ms], ['p99', figures.p99_ms], ['max', figures.max_ms]];
  const f = frame('Latency percentiles', options.title, Math.max(...bars.map((b) => b[1]), ...lines.map((l) => l.ms * 1.1)), width, 300);
  const slot = (f.x1 - f.x0) / bars.length;
  const limit = lines[0]?.ms;
  f.out.push('<g class="bars">');
  for (const [i, [label, value]] of bars.entries()) {
    const x = f.x0 + i * slot + slot * 0.2;
    const y = f.y(value);
    const colour = limit !== undefined && value > limit ? COLOURS.over : COLOURS.bar;
    f.out.push(`<rect class="bar ${label}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${(f.y1 - y).toFixed(1)}" fill="${colour}"><title>${escapeXml(`${label}: ${fmt(value)}`)}</title></rect>`);
    f.out.push(`<text x="${(x + slot * 0.3).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" fill="#212121">${escapeXml(fmt(value))}</text>`);
    f.out.push(`<text x="${(x + slot * 0.3).toFixed(1)}" y="${f.y1 + 18}" text-anchor="middle" fill="#424242">${label}</text>`);
  }
  f.out.push('</g>');
  thresholdLines(f, lines);
  return end(f);
}

/** Calls per latency bin, with p50/p95/p99 marked. */
export function renderLatencyHistogram(bins: readonly HistogramBin[], options: { title?: string; markers?: readonly ThresholdLine[]; width?: number } = {}): string {
  const width = Math.max(360, options.width ?? 640);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const f = frame('Latency histogram', options.title, maxCount, width, 300, (n) => String(n));
  const lo = bins[0]?.from_ms ?? 0;
  const hi = bins[bins.length - 1]?.to_ms ?? 1;
  const x = (ms: number): number => f.x0 + ((ms - lo) / Math.max(hi - lo, 1e-9)) * (f.x1 - f.x0);
  f.out.push('<g class="bins">');
  for (const b of bins) {
    const y = f.y(b.count);
    f.out.push(`<rect class="bin" x="${x(b.from_ms).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, x(b.to_ms) - x(b.from_ms) - 1).toFixed(1)}" height="${(f.y1 - y).toFixed(1)}" fill="${COLOURS.bar}"><title>${escapeXml(`${fmt(b.from_ms)}–${fmt(b.to_ms)}: ${b.count}`)}</title></rect>`);
  }
  f.out.push('</g>');
  xTicks(f, lo, hi, x, fmt);
  f.out.push(`<text x="${(f.x0 + f.x1) / 2}" y="${f.y1 + 36}" text-anchor="middle" fill="#616161">latency; calls per bin on the vertical axis</text>`);
  for (const m of options.markers ?? []) {
    if (m.ms < lo || m.ms > hi) continue;
    const mx = x(m.ms).toFixed(1);
    f.out.push(`<g class="marker"><line x1="${mx}" y1="${f.y0}" x2="${mx}" y2="${f.y1}" stroke="${COLOURS.p95}" stroke-dasharray="4 3"/><text x="${mx}" y="${f.y0 - 4}" text-anchor="middle" fill="${COLOURS.p95}">${escapeXml(m.label)}</text></g>`);
  }
  return end(f);
}

/** p50 and p95 (windows) or each call (dots) against elapsed time, failed calls in red, with the threshold. */
export function renderLatencyOverTime(points: readonly TimePoint[], options: { title?: string; thresholds?: readonly ThresholdLine[]; width?: number } = {}): string {
  const width = Math.max(360, options.width ?? 800);
  const lines = (options.thresholds ?? []).filter((l) => Number.isFinite(l.ms) && l.ms > 0);
  const f = frame('Latency over time', options.title, Math.max(0, ...points.map((p) => p.p95_ms), ...lines.map((l) => l.ms * 1.1)), width, 320);
  const tEnd = Math.max(1, ...points.map((p) => p.elapsed_ms + p.window_ms));
  const x = (t: number): number => f.x0 + (Math.min(t, tEnd) / tEnd) * (f.x1 - f.x0);
  const single = points.every((p) => p.window_ms === 0);
  if (single) {
    f.out.push('<g class="calls">');
    for (const p of points) {
      f.out.push(`<circle class="call${p.errors > 0 ? ' error' : ''}" cx="${x(p.elapsed_ms).toFixed(1)}" cy="${f.y(p.p95_ms).toFixed(1)}" r="2.5" fill="${p.errors > 0 ? COLOURS.error : COLOURS.point}"/>`);
    }
    f.out.push('</g>');
  } else {
    for (const [key, colour] of [['p50_ms', COLOURS.p50], ['p95_ms', COLOURS.p95]] as const) {
      const path = points.map((p) => `${x(p.elapsed_ms + p.window_ms / 2).toFixed(1)},${f.y(p[key]).toFixed(1)}`).join(' ');
      f.out.push(`<polyline class="series ${key.replace('_ms', '')}" points="${path}" fill="none" stroke="${colour}" stroke-width="1.2" stroke-opacity="0.7"/>`);
      for (const p of points) f.out.push(`<circle class="point ${key.replace('_ms', '')}" cx="${x(p.elapsed_ms + p.window_ms / 2).toFixed(1)}" cy="${f.y(p[key]).toFixed(1)}" r="1.8" fill="${colour}"/>`);
    }
    for (const p of points.filter((q) => q.errors > 0)) {
      f.out.push(`<circle class="errors" cx="${x(p.elapsed_ms + p.window_ms / 2).toFixed(1)}" cy="${f.y(p.p95_ms).toFixed(1)}" r="3" fill="${COLOURS.error}"><title>${p.errors} failed of ${p.requests}</title></circle>`);
    }
  }
  thresholdLines(f, lines);
  const legend = single ? 'each dot is one call (red: failed)' : 'orange: p95, green: p50 per window; red dots: windows with failed calls';
  xTicks(f, 0, tEnd, x, (t) => (tEnd >= 2000 ? `${Number((t / 1000).toFixed(1))} s` : `${Math.round(t)} ms`));
  f.out.push(`<text x="${(f.x0 + f.x1) / 2}" y="${f.y1 + 36}" text-anchor="middle" fill="#616161">${escapeXml(`elapsed time; ${legend}`)}</text>`);
  return end(f);
}

export interface ChartAttachment {
  name: string;
  contentType: 'image/svg+xml';
  body: string;
}

/** The charts of a result (three, and the breaking point's levels when it has them), ready to attach (name, content type, SVG text). */
export function chartsFor(result: PerfResult): ChartAttachment[] {
  const figures = figuresOf(result);
  const title = result.test_name ? `${result.test_name} (${result.operation})` : result.operation;
  const target = result.thresholds.p95_ms;
  const lines: ThresholdLine[] = [];
  if (target !== undefined) lines.push({ label: 'p95 threshold', ms: target });
  if (result.baseline?.limit_p95_ms !== undefined) lines.push({ label: 'baseline limit', ms: result.baseline.limit_p95_ms });
  const bins = LatencyHistogram.decode(result.histogram).bins(30);
  const markers = [{ label: 'p50', ms: figures.p50_ms }, { label: 'p95', ms: figures.p95_ms }, { label: 'p99', ms: figures.p99_ms }];
  const svg = (name: string, body: string): ChartAttachment => ({ name, contentType: 'image/svg+xml', body });
  const charts = [
    svg('latency percentiles', renderPercentileBars(figures, { title, thresholds: lines })),
    svg('latency histogram', renderLatencyHistogram(bins, { title, markers })),
    svg('latency over time', renderLatencyOverTime(result.time_series, { title, thresholds: lines })),
  ];
  if (result.kind === 'load' && result.breaking_point) {
    charts.push(svg('breaking point', renderBreakingPoint(result.breaking_point, { title, ...(target === undefined ? {} : { p95ThresholdMs: target }) })));
  }
  return charts;
}
