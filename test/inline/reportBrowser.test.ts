// The rendered report as a reader sees it: one passing and one failing journey run inline, rendered by
// `mcp-journeys report` into the single-file HTML, opened from file:// in Debian's chromium (no browser
// download exists here). Each measured step shows its latency_ms as the results recorded it, and the
// journey's latency chart is an image that loaded. UPDATE_SCREENSHOT=1 rewrites docs/report.png.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test, expect, chromium } from '@playwright/test';
import type { Browser, Locator, Page } from '@playwright/test';
import { repoRoot, runJourneys } from '../support/inline.js';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const screenshotPath = join(repoRoot, 'docs', 'report.png');

test.describe.configure({ timeout: 90_000 });

interface Step { name: string; parameters?: { name: string; value: string }[]; steps: Step[] }
interface Result extends Step { status: string }

const passing = `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3e21
test_name: Work item filed from a search
description: Every call step shows its latency in the report.
servers_required: [test]
labels: { epic: Reporting, feature: Allure, story: Step latencies, severity: critical }
test_steps:
  - name: Search for the handler
    call: test.echo
    args: { text: authentication handler }
    expect: { latency_ms: 2000 }
  - name: Add two numbers
    call: test.add
    args: { a: 2, b: 3 }
    expect:
      latency_ms: 2000
      result: { $.sum: 5 }
  - call: test.fail
    args: { message: title cannot be empty }
    expect: { error: title cannot be empty }
`;

const failing = `test_id: 0b6c1f3e-8a52-4d0e-9c1a-5f2e7d9b3e22
test_name: Slow call over its budget
description: The second step is slower than its budget.
servers_required: [test]
labels: { epic: Reporting, feature: Allure, story: Step latencies, severity: normal }
test_steps:
  - call: test.add
    args: { a: 1, b: 1 }
    expect: { latency_ms: 2000 }
  - name: Slow call
    call: test.slow
    args: { ms: 250 }
    expect: { latency_ms: 100 }
  - call: test.fail
    expect: { error: failed }
`;

/** Step name → latency_ms, for every step that measured one, as the Allure results recorded it. */
function latencies(steps: Step[], into = new Map<string, string>()): Map<string, string> {
  for (const step of steps) {
    const latency = step.parameters?.find((p) => p.name === 'latency_ms')?.value;
    if (latency !== undefined) into.set(step.name, latency);
    latencies(step.steps, into);
  }
  return into;
}

function readResults(dir: string): Result[] {
  return readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Result);
}

/** The step's own parameter (its children's come later in the page, so the first match is its own). */
function parameter(page: Page, step: string, name: string) {
  const own = page.getByTestId('test-result-step-title').getByText(step, { exact: true })
    .locator('xpath=ancestor::*[@data-testid="test-result-step"][1]');
  return own.getByTestId('metadata-item').filter({ has: page.getByTestId('metadata-item-key').getByText(name, { exact: true }) })
    .first().getByTestId('metadata-item-value');
}

async function openJourney(page: Page, index: string, name: string): Promise<void> {
  await page.goto(index);
  await page.getByText(name, { exact: true }).first().click();
  await expect(page.getByTestId('test-result-info-title')).toHaveText(name);
}

/** Runs in the page; the project's types have no DOM. */
function naturalWidth(img: unknown): number {
  return typeof img === 'object' && img !== null && 'naturalWidth' in img && typeof img.naturalWidth === 'number' ? img.naturalWidth : 0;
}

/** The chart attachment (folded until a reader opens it) shows its image, decoded: a broken one has no natural width. */
async function expectChart(page: Page) {
  const header = page.getByTestId('test-result-attachment-header').filter({ has: page.getByText('latency chart', { exact: true }) });
  await expect(header, 'latency chart attachment').toBeVisible();
  await header.click();
  const attachment = page.getByTestId('test-result-attachment').filter({ has: header });
  const image = attachment.getByTestId('image-attachment-content').locator('img');
  await expect(image, 'latency chart image').toBeVisible();
  await expect(image).toHaveJSProperty('complete', true);
  await expect.poll(() => image.evaluate(naturalWidth), 'latency chart decoded').toBeGreaterThan(100);
  return image;
}

/** docs/report.png: the measured steps and the chart together, with the hooks' fixtures and the error's trace folded. */
async function screenshot(page: Page, chart: Locator): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1040 });
  const title = page.getByTestId('test-result-step-title');
  // Only the journey that started its worker's servers has Before Hooks (an empty group is left out).
  const hooks = title.getByText('Before Hooks', { exact: true });
  if (await hooks.count() > 0) await hooks.click();
  await title.getByText(/^LatencyBudgetError:/).click();
  await page.evaluate(`document.querySelector('[data-testid="image-attachment-content"] img').scrollIntoView({ block: 'end', behavior: 'instant' })`);
  await expect(chart).toBeInViewport({ ratio: 0.95 });
  await page.screenshot({ path: screenshotPath });
  expect(statSync(screenshotPath).size, 'docs/report.png size').toBeLessThan(300_000);
}

test('the rendered report shows per-step latency and the latency chart in chromium', async () => {
  test.skip(!existsSync(chromiumPath), 'Debian chromium is not installed (apt-get install chromium); the rendered report is not checked');
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-report-browser-'));
  let browser: Browser | undefined;
  try {
    const results = join(dir, 'allure-results');
    const output = join(dir, 'report');
    const run = await runJourneys({
      files: { 'reporting/passing.journey.yaml': passing, 'reporting/failing.journey.yaml': failing },
      env: { MCP_JOURNEYS_ALLURE_RESULTS: results },
      timeoutMs: 60_000,
    });
    expect(run.exitCode, run.output).toBe(1);
    const byName = new Map(readResults(results).map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual(['Slow call over its budget', 'Work item filed from a search']);

    const report = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin', 'mcp-journeys.js'), 'report',
      '--results', results, '--output', output, '--history', join(dir, 'history.jsonl')], { cwd: dir });
    expect(report.stdout).toContain('report: file://');
    const index = pathToFileURL(join(output, 'index.html')).href;

    browser = await chromium.launch({ executablePath: chromiumPath });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    await openJourney(page, index, 'Work item filed from a search');
    const passed = latencies(byName.get('Work item filed from a search')?.steps ?? []);
    expect([...passed.keys()]).toEqual(['Search for the handler', 'Add two numbers', 'call test.fail']);
    for (const [step, latency] of passed) {
      await expect(parameter(page, step, 'latency_ms'), `latency_ms of "${step}"`).toHaveText(latency);
    }
    await expect(parameter(page, 'Add two numbers', 'budget_ms')).toHaveText('2000');
    await expectChart(page);

    await openJourney(page, index, 'Slow call over its budget');
    const slow = latencies(byName.get('Slow call over its budget')?.steps ?? []).get('Slow call');
    expect(Number(slow), 'latency_ms of the slow call in the results').toBeGreaterThan(100);
    await expect(parameter(page, 'Slow call', 'latency_ms')).toHaveText(slow ?? 'missing');
    await expect(parameter(page, 'Slow call', 'budget_ms')).toHaveText('100');
    await expect(parameter(page, 'Slow call', 'failure')).toHaveText('latency');
    const chart = await expectChart(page);

    if (process.env['UPDATE_SCREENSHOT'] === '1') await screenshot(page, chart);
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
