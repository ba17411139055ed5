// The breaking_point profile's pure parts: its levels, the schedule they make, how a level is judged,
// the summary of the levels run and its chart.
import { test, expect } from '@playwright/test';
import { renderBreakingPoint } from '../../src/report/perf/breakingChart.js';
import { breakingPoint, LevelJudge } from '../../src/worker/perf/breakingPoint.js';
import { breakingLevels } from '../../src/worker/perf/levels.js';
import { planLoad } from '../../src/worker/perf/profiles.js';

test('levels go from start by step and end exactly at sessions; defaults are a tenth of sessions and 10 s', () => {
  expect(breakingLevels({ sessions: 30, start: 5, step: 10, levelMs: 2000 })).toEqual({ start: 5, step: 10, max: 30, level_ms: 2000, levels: [5, 15, 25, 30] });
  expect(breakingLevels({ sessions: 50 })).toMatchObject({ start: 5, step: 5, level_ms: 10_000, levels: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50] });
  expect(breakingLevels({ sessions: 3, start: 9 }).levels).toEqual([3]);
});

test('a breaking_point schedule starts each level\'s sessions at its start and runs them to the end', () => {
  const plan = planLoad({ profile: 'breaking_point', sessions: 6, thinkTimeMs: 5, levels: { start: 2, step: 2, levelMs: 1000 } });
  expect(plan).toMatchObject({ profile: 'breaking_point', mode: 'duration', total_ms: 3000, ramp_up_ms: 0, levels: { levels: [2, 4, 6] } });
  expect(plan.windows.map((w) => w.map((x) => x.start_ms))).toEqual([[0], [0], [1000], [1000], [2000], [2000]]);
  expect(plan.windows.every((w) => w[0]?.stop_ms === 3000)).toBe(true);
});

test('a level is held to the thresholds on its own calls; a crash or no call at all breaks it too', async () => {
  const plan = breakingLevels({ sessions: 3, start: 1, step: 1, levelMs: 1000 });
  const judge = new LevelJudge(plan, { p95_ms: 100, error_rate: 0.1 }, 0);
  for (let i = 0; i < 20; i++) judge.record({ at_ms: 0, latency_ms: 10, ok: true }, 500);
  for (let i = 0; i < 20; i++) judge.record({ at_ms: 0, latency_ms: 200, ok: i > 4 }, 1500);
  const first = judge.judge(0, []);
  expect(first).toMatchObject({ sessions: 1, start_ms: 0, requests: 20, failed: 0, held: true });
  const second = judge.judge(1, []);
  expect(second).toMatchObject({ sessions: 2, start_ms: 1000, requests: 20, failed: 5, error_rate: 0.25, held: false });
  expect(second.reason).toMatch(/^p95 200(\.\d+)? ms is over the threshold 100 ms; error rate 25 % is over the threshold 10 %$/);
  expect(judge.judge(2, ['codebase-mcp']).reason).toBe('codebase-mcp crashed; no call finished during the level');
  expect(breakingPoint(plan, [first, second])).toMatchObject({ last_held: 1, first_broken: 2, reason: second.reason });
  expect(breakingPoint(plan, [first])).not.toHaveProperty('first_broken');
  // The next level opens only when released; a stopped load never opens the rest.
  expect(await judge.opens(0)).toBe(true);
  judge.release(1, true);
  judge.release(1, false);
  expect(await judge.opens(1000)).toBe(true);
  expect(await judge.opens(2000)).toBe(false);
});

test('the chart draws a bar per level, held green and broken red, and says where it broke', () => {
  const plan = breakingLevels({ sessions: 2, start: 1, step: 1, levelMs: 1000 });
  const levels = [
    { sessions: 1, start_ms: 0, requests: 10, failed: 0, p95_ms: 20, error_rate: 0, held: true },
    { sessions: 2, start_ms: 1000, requests: 10, failed: 4, p95_ms: 40, error_rate: 0.4, held: false, reason: 'error rate 40 % is over the threshold 0 %' },
  ];
  const svg = renderBreakingPoint(breakingPoint(plan, levels), { title: 'limit', p95ThresholdMs: 30 });
  expect(svg.match(/class="level held"/g)).toHaveLength(1);
  expect(svg.match(/class="level broke"/g)).toHaveLength(1);
  expect(svg).toContain('held at 1 sessions; broke at 2: error rate 40 % is over the threshold 0 %');
  expect(svg).toContain('p95 threshold');
});
