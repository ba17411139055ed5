import { test, expect } from '@playwright/test';
import { barClass, chartSteps, renderLatencyChart } from '../../src/report/latencyChart.js';
import type { ChartStep } from '../../src/report/latencyChart.js';
import { niceTicks } from '../../src/report/svgText.js';

const steps: ChartStep[] = [
  { title: 'Search for authentication logic', latencyMs: 120, budgetMs: 500, warnMs: 300, status: 'passed' },
  { title: 'File a task <b>"quoted"</b> & \'x\'', latencyMs: 420, budgetMs: 500, warnMs: 300, status: 'passed' },
  { title: 'Slow call', latencyMs: 900, budgetMs: 500, status: 'failed' },
  { title: 'Wrong result', latencyMs: 40, status: 'failed' },
  { title: 'wait 1s', status: 'passed' },
];

const count = (text: string, needle: RegExp) => [...text.matchAll(needle)].length;

test('one bar per step, coloured by how it did, with a budget marker where there is a budget', () => {
  const svg = renderLatencyChart(steps, { title: 'Search, then file' });
  expect(count(svg, /<rect class="bar /g)).toBe(steps.length);
  expect(count(svg, /<g class="step" /g)).toBe(steps.length);
  expect([...svg.matchAll(/<g class="step" data-status="(\w+)"/g)].map((m) => m[1])).toEqual(['within', 'warn', 'over', 'failed', 'unmeasured']);
  expect(count(svg, /class="budget-marker"/g)).toBe(3);
  expect(count(svg, /class="warn-marker"/g)).toBe(2);
  expect(svg).toContain('>900 ms<');
  expect(svg).toContain('not measured');
});

test('bars and markers sit on one scale: the budget marker of a slow step is left of its bar end', () => {
  const svg = renderLatencyChart([steps[2] as ChartStep]);
  const barWidth = Number(/<rect class="bar over" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg)?.[2]);
  const barX = Number(/<rect class="bar over" x="([\d.]+)"/.exec(svg)?.[1]);
  const marker = Number(/class="budget-marker" x1="([\d.]+)"/.exec(svg)?.[1]);
  expect(marker).toBeGreaterThan(barX);
  expect(marker).toBeLessThan(barX + barWidth);
  expect((marker - barX) / barWidth).toBeCloseTo(500 / 900, 2);
});

test('titles are escaped and nothing external is referenced', () => {
  const svg = renderLatencyChart([...steps, { title: 'bad \u0001 char </svg><script>alert(1)</script>', latencyMs: 1, status: 'passed' }], { title: 'A & B' });
  expect(svg).not.toContain('<b>');
  expect(svg).not.toContain('<script');
  expect(svg).not.toContain('\u0001');
  expect(svg).toContain('File a task &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; &apos;x&apos;');
  expect(svg).toContain('A &amp; B');
  expect(svg).not.toMatch(/href=|url\(|@import|<image|<foreignObject/i);
  expect(count(svg, /<svg /g)).toBe(1);
  expect(svg.trim().endsWith('</svg>')).toBe(true);
});

test('an axis with round ticks covers the largest value; long titles are cut to fit 800 px', () => {
  expect(niceTicks(900)).toEqual([0, 200, 400, 600, 800, 1000]);
  expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
  expect(niceTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  const svg = renderLatencyChart([{ title: 'x'.repeat(300), latencyMs: 10, status: 'passed' }]);
  expect(svg).toMatch(/width="800"/);
  expect(svg).toMatch(/>x+…</);
  expect(svg).not.toContain('x'.repeat(100) + '<');
  expect(svg).toContain('>0 ms<');
  expect(renderLatencyChart([])).toContain('no steps measured');
});

test('bar classes: over budget beats failed; warn only when within budget', () => {
  expect(barClass({ title: 'a', latencyMs: 10, budgetMs: 5, status: 'failed' })).toBe('over');
  expect(barClass({ title: 'a', latencyMs: 4, budgetMs: 5, warnMs: 3, status: 'passed' })).toBe('warn');
  expect(barClass({ title: 'a', latencyMs: 4, budgetMs: 5, warnMs: 3, status: 'failed' })).toBe('failed');
  expect(barClass({ title: 'a', status: 'failed' })).toBe('unmeasured');
});

test('records of one step (eventually polls) make one bar, the last poll, in first-seen order', () => {
  const at = (line: number) => ({ file: '/j.yaml', line, column: 5 });
  const out = chartSteps([
    { title: 'poll', phase: 'test', location: at(3), latencyMs: 5, status: 'passed' },
    { title: 'other', phase: 'test', location: at(9), latencyMs: 7, budgetMs: 50, status: 'passed' },
    { title: 'poll', phase: 'test', location: at(3), latencyMs: 6, status: 'failed' },
  ]);
  expect(out).toEqual([{ title: 'poll', latencyMs: 6, status: 'failed' }, { title: 'other', latencyMs: 7, budgetMs: 50, status: 'passed' }]);
});
