// Per-journey latency chart for the report: one horizontal bar per step (its latency), a marker for its
// budget and its warning level, coloured by how the step did. A self-contained SVG: no scripts, no
// external fonts or images, so it renders as an Allure image attachment and from a file:// report.
import { escapeXml, fitText, niceTicks } from './svgText.js';

/** The step's own status (passed, failed …); how its latency compares with its budget is worked out here. */
export type ChartStepStatus = string;

export interface ChartStep {
  title: string;
  latencyMs?: number;
  budgetMs?: number;
  warnMs?: number;
  status: ChartStepStatus;
}

export interface ChartOptions {
  /** Heading above the bars (e.g. the journey's test_name). */
  title?: string;
  /** Pixels; the chart is laid out for this width (default 800). */
  width?: number;
}

export type BarClass = 'within' | 'warn' | 'over' | 'failed' | 'unmeasured';

export const BAR_COLOURS: Record<BarClass, string> = {
  within: '#2e7d32',
  warn: '#f9a825',
  over: '#c62828',
  failed: '#6a1b9a',
  unmeasured: '#bdbdbd',
};

const LEGEND: [BarClass, string][] = [
  ['within', 'within budget'], ['warn', 'over warning level'], ['over', 'over budget'], ['failed', 'failed'], ['unmeasured', 'not measured'],
];

/** Over budget wins over failed: a slow step is shown as slow, whatever else went wrong. */
export function barClass(step: ChartStep): BarClass {
  if (step.latencyMs === undefined || !Number.isFinite(step.latencyMs)) return 'unmeasured';
  if (step.budgetMs !== undefined && step.latencyMs > step.budgetMs) return 'over';
  if (step.status === 'failed' || step.status === 'broken') return 'failed';
  if (step.warnMs !== undefined && step.latencyMs > step.warnMs) return 'warn';
  return 'within';
}

const ROW = 24;
const BAR = 14;
const FONT = 12;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

export function renderLatencyChart(steps: readonly ChartStep[], options: ChartOptions = {}): string {
  const width = Math.max(400, options.width ?? 800);
  const labelWidth = Math.round(width * 0.3);
  const x0 = labelWidth + 12;
  const x1 = width - 72;
  const headingHeight = options.title ? 28 : 8;
  const axisY = headingHeight + 22;
  const rowsTop = axisY + 6;
  const rowsHeight = Math.max(steps.length, 1) * ROW;
  const legendY = rowsTop + rowsHeight + 22;
  const height = legendY + 30;

  const values = steps.flatMap((s) => [s.latencyMs, s.budgetMs, s.warnMs]).filter((v): v is number => v !== undefined && Number.isFinite(v) && v >= 0);
  const ticks = niceTicks(Math.max(1, ...values));
  const max = ticks[ticks.length - 1] ?? 1;
  const x = (v: number): number => x0 + (Math.min(Math.max(v, 0), max) / max) * (x1 - x0);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT}">`);
  out.push(`<title>${escapeXml(options.title ? `Latency per step: ${options.title}` : 'Latency per step')}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="8" y="20" font-size="14" font-weight="600" fill="#212121">${escapeXml(fitText(options.title, width - 16, 14))}</text>`);

  // Axis: ticks and grid lines across every row, labelled above.
  out.push(`<g class="axis" fill="#616161" stroke="#e0e0e0">`);
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    out.push(`<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${rowsTop + rowsHeight}"/>`);
    out.push(`<text x="${tx}" y="${axisY - 6}" text-anchor="middle" stroke="none">${escapeXml(ms(t))}</text>`);
  }
  out.push(`<line x1="${x0}" y1="${axisY}" x2="${x0}" y2="${rowsTop + rowsHeight}" stroke="#9e9e9e"/>`);
  out.push('</g>');

  if (steps.length === 0) out.push(`<text x="${x0 + 8}" y="${rowsTop + 16}" fill="#616161">no steps measured</text>`);
  steps.forEach((step, i) => {
    const top = rowsTop + i * ROW;
    const barTop = top + (ROW - BAR) / 2;
    const mid = top + ROW / 2;
    const kind = barClass(step);
    const tip = [step.title, step.latencyMs === undefined ? 'not measured' : ms(step.latencyMs),
      step.budgetMs === undefined ? '' : `budget ${ms(step.budgetMs)}`, step.warnMs === undefined ? '' : `warn ${ms(step.warnMs)}`, step.status]
      .filter(Boolean).join(' · ');
    out.push(`<g class="step" data-status="${kind}">`);
    out.push(`<title>${escapeXml(tip)}</title>`);
    out.push(`<text x="${x0 - 8}" y="${mid + 4}" text-anchor="end" fill="#212121">${escapeXml(fitText(step.title, labelWidth - 8, FONT))}</text>`);
    if (step.latencyMs === undefined || kind === 'unmeasured') {
      out.push(`<rect class="bar unmeasured" x="${x0}" y="${barTop}" width="${(x1 - x0).toFixed(1)}" height="${BAR}" fill="none" stroke="${BAR_COLOURS.unmeasured}" stroke-dasharray="4 3"/>`);
      out.push(`<text x="${x0 + 6}" y="${mid + 4}" fill="#757575">not measured</text>`);
    } else {
      const end = x(step.latencyMs);
      out.push(`<rect class="bar ${kind}" x="${x0}" y="${barTop}" width="${Math.max(1, end - x0).toFixed(1)}" height="${BAR}" fill="${BAR_COLOURS[kind]}" rx="2"/>`);
      out.push(`<text class="value" x="${(end + 4).toFixed(1)}" y="${mid + 4}" fill="#212121">${escapeXml(ms(step.latencyMs))}</text>`);
    }
    if (step.warnMs !== undefined) {
      const wx = x(step.warnMs).toFixed(1);
      out.push(`<line class="warn-marker" x1="${wx}" y1="${top + 2}" x2="${wx}" y2="${top + ROW - 2}" stroke="#ef6c00" stroke-width="2" stroke-dasharray="3 2"/>`);
    }
    if (step.budgetMs !== undefined) {
      const bx = x(step.budgetMs).toFixed(1);
      out.push(`<line class="budget-marker" x1="${bx}" y1="${top + 1}" x2="${bx}" y2="${top + ROW - 1}" stroke="#212121" stroke-width="2"/>`);
    }
    out.push('</g>');
  });

  // Legend: colours, then the two marker kinds.
  let lx = 8;
  out.push(`<g class="legend" fill="#424242">`);
  for (const [kind, label] of LEGEND) {
    out.push(`<rect x="${lx}" y="${legendY - 10}" width="12" height="12" rx="2" fill="${kind === 'unmeasured' ? 'none' : BAR_COLOURS[kind]}" stroke="${BAR_COLOURS[kind]}"/>`);
    out.push(`<text x="${lx + 16}" y="${legendY}">${label}</text>`);
    lx += 28 + label.length * 7;
  }
  out.push(`<line x1="${lx}" y1="${legendY - 11}" x2="${lx}" y2="${legendY + 3}" stroke="#212121" stroke-width="2"/><text x="${lx + 6}" y="${legendY}">budget</text>`);
  lx += 66;
  out.push(`<line x1="${lx}" y1="${legendY - 11}" x2="${lx}" y2="${legendY + 3}" stroke="#ef6c00" stroke-width="2" stroke-dasharray="3 2"/><text x="${lx + 6}" y="${legendY}">warning level</text>`);
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** What the runtime records per step, as far as the chart needs it (a structural subset of StepRecord). */
export interface MeasuredStep extends ChartStep {
  phase?: string;
  location?: { file: string; line: number; column: number };
}

/** One bar per step: repeated records of one step (eventually polls, retried calls) keep the last. */
export function chartSteps(records: readonly MeasuredStep[]): ChartStep[] {
  const byStep = new Map<string, ChartStep>();
  for (const r of records) {
    const key = r.location ? `${r.phase ?? ''}|${r.location.file}:${r.location.line}:${r.location.column}` : `${r.phase ?? ''}|${r.title}|${byStep.size}`;
    const step: ChartStep = { title: r.title, status: r.status };
    if (r.latencyMs !== undefined) step.latencyMs = r.latencyMs;
    if (r.budgetMs !== undefined) step.budgetMs = r.budgetMs;
    if (r.warnMs !== undefined) step.warnMs = r.warnMs;
    byStep.set(key, step);
  }
  return [...byStep.values()];
}
