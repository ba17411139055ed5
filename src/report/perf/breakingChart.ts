// The breaking_point chart: one bar per level (its sessions below it), as high as the level's p95, green
// where the thresholds held and red where they broke, each labelled with its error rate, under the p95
// threshold; the caption names the last level that held, the first that broke and why.
import { escapeXml, fitText } from '../svgText.js';
import { end, fmt, frame, thresholdLines } from './chartFrame.js';
import type { BreakingPoint } from './types.js';

const HELD = '#2e7d32';
const BROKE = '#c62828';

function caption(bp: BreakingPoint): string {
  const held = bp.last_held === undefined ? 'no level held' : `held at ${bp.last_held} sessions`;
  if (bp.first_broken === undefined) return `${held}; nothing broke up to ${bp.max}`;
  return `${held}; broke at ${bp.first_broken}: ${bp.reason ?? 'threshold broken'}`;
}

export function renderBreakingPoint(bp: BreakingPoint, options: { title?: string; p95ThresholdMs?: number; width?: number } = {}): string {
  const width = Math.max(360, options.width ?? 720);
  const threshold = options.p95ThresholdMs;
  const lines = threshold === undefined ? [] : [{ label: 'p95 threshold', ms: threshold }];
  const top = Math.max(0, ...bp.levels.map((l) => l.p95_ms), ...lines.map((l) => l.ms * 1.1));
  const f = frame('Breaking point by sessions (bar: p95, label: error rate)', options.title, top, width, 320);
  const slot = (f.x1 - f.x0) / Math.max(1, bp.levels.length);
  f.out.push('<g class="levels">');
  for (const [i, level] of bp.levels.entries()) {
    const x = f.x0 + i * slot + slot * 0.15;
    const y = f.y(level.p95_ms);
    const mid = (x + slot * 0.35).toFixed(1);
    const rate = `${Number((level.error_rate * 100).toFixed(1))} %`;
    const tip = `${level.sessions} sessions: p95 ${fmt(level.p95_ms)}, ${level.failed} of ${level.requests} failed${level.reason ? ` (${level.reason})` : ''}`;
    f.out.push(`<rect class="level ${level.held ? 'held' : 'broke'}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(f.y1 - y).toFixed(1)}" fill="${level.held ? HELD : BROKE}"><title>${escapeXml(tip)}</title></rect>`);
    f.out.push(`<text x="${mid}" y="${(y - 4).toFixed(1)}" text-anchor="middle" fill="#212121">${escapeXml(rate)}</text>`);
    f.out.push(`<text x="${mid}" y="${f.y1 + 18}" text-anchor="middle" fill="#424242">${level.sessions}</text>`);
  }
  f.out.push('</g>');
  thresholdLines(f, lines);
  f.out.push(`<text class="caption" x="${(f.x0 + f.x1) / 2}" y="${f.y1 + 36}" text-anchor="middle" fill="#616161">${escapeXml(fitText(caption(bp), width - 16, 12))}</text>`);
  return end(f);
}
