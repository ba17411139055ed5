// A snapshot mismatch as a reader of the rendered Allure report sees it: the failed step carries the
// `snapshot diff` attachment with the changed path and the line diff, opened from file:// in Debian's
// chromium. UPDATE_SCREENSHOT=1 rewrites docs/snapshot-diff.png (shown in the README).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test, expect, chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { repoRoot, runJourneys } from '../support/inline.js';
import { driftServerPath, testServerCommand } from '../support/servers/spawn.js';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const screenshotPath = join(repoRoot, 'docs', 'snapshot-diff.png');

test.describe.configure({ timeout: 120_000 });

const journey = `test_id: 3c5e7a90-1b2d-4e6f-8a0c-5e7a9c1b3d03
test_name: The status is as it was
description: The status answer, compared with its snapshot.
servers_required: [drift]
labels: { epic: Reporting, feature: Snapshots }
test_steps:
  - name: Status
    call: drift.status
    expect: { snapshot: status }
  - name: A title is needed
    call: drift.create_item
    args: { title: "" }
    expect: { error: title cannot be empty }
`;

const stored = `${JSON.stringify({
  checked_at: '<timestamp>', id: '<uuid>', items: [{ id: '<uuid>', title: 'first' }], latency_ms: '<duration>', name: 'drift', version: '1',
}, null, 2)}\n`;

test('the failed step shows the snapshot diff in the rendered report', async () => {
  test.skip(!existsSync(chromiumPath), 'Debian chromium is not installed (apt-get install chromium); the rendered report is not checked');
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-snapshot-report-'));
  let browser: Browser | undefined;
  try {
    const results = join(dir, 'allure-results');
    const output = join(dir, 'report');
    const { command, args } = testServerCommand('drift', driftServerPath);
    const run = await runJourneys({
      files: { 'snap/status.journey.yaml': journey, 'snap/status.journey.yaml-snapshots/status.json': stored },
      mcpConfig: { mcpServers: { drift: { type: 'stdio', command, args: [...args, '--version', '2'], tools: ['status', 'create_item'] } } },
      env: { MCP_JOURNEYS_ALLURE_RESULTS: results },
      timeoutMs: 60_000,
    });
    expect(run.exitCode, run.output).toBe(1);
    const report = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin', 'mcp-journeys.js'), 'report',
      '--results', results, '--output', output, '--history', join(dir, 'history.jsonl')], { cwd: dir });
    expect(report.stdout).toContain('report: file://');

    browser = await chromium.launch({ executablePath: chromiumPath });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(output, 'index.html')).href);
    await page.getByText('The status is as it was', { exact: true }).first().click();
    await expect(page.getByTestId('test-result-info-title')).toHaveText('The status is as it was');
    const header = page.getByTestId('test-result-attachment-header').filter({ has: page.getByText('snapshot diff', { exact: true }) });
    if (!(await header.isVisible())) await page.getByTestId('test-result-step-title').getByText('Status', { exact: true }).first().click();
    await expect(header, 'snapshot diff attachment').toBeVisible();
    await header.click();
    const attachment = page.getByTestId('test-result-attachment').filter({ has: header });
    await expect(attachment).toContainText('$.version: "1" → "2"');
    await expect(attachment).toContainText('+  "version": "2"');
    if (process.env['UPDATE_SCREENSHOT'] === '1') {
      await attachment.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath });
      expect(statSync(screenshotPath).size, 'docs/snapshot-diff.png size').toBeLessThan(300_000);
    }
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
