// `mcp-journeys report` end to end on hand-made allure-results: one self-contained HTML file, no network,
// the journeys' categories and environment in it, and an Allure history that grows run by run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { run } from '../../src/cli/report.js';
import { writeEnvironment } from '../../src/report/environment.js';
import { renderLatencyChart } from '../../src/report/latencyChart.js';
import { externalReferences } from '../../src/report/reportHtml.js';

test.describe.configure({ timeout: 120_000 });

function result(uuid: string, name: string, status: string, message?: string): object {
  const step = (title: string, latency: string, stepStatus: string) => ({
    name: title, status: stepStatus, stage: 'finished', steps: [], attachments: [], start: 1, stop: 2,
    parameters: [{ name: 'server', value: 'test' }, { name: 'tool', value: 'slow' }, { name: 'outcome', value: 'ok' }, { name: 'latency_ms', value: latency }, { name: 'budget_ms', value: '100' }],
  });
  return {
    uuid, name, fullName: `journeys/${name}`, historyId: `${uuid}-h`, testCaseId: `${uuid}-tc`, status, stage: 'finished', start: 1_000, stop: 2_000,
    statusDetails: message ? { message, trace: message } : {},
    labels: [{ name: 'parentSuite', value: 'smoke' }, { name: 'epic', value: 'Cross-server workflows' }],
    parameters: [], links: [], steps: [step('Slow call', status === 'passed' ? '40' : '359', status)],
    attachments: [{ name: 'latency', source: `${uuid}-attachment.svg`, type: 'image/svg+xml' }],
  };
}

/** The files Allure embeds in a single-file report, by name, decoded. */
function embedded(html: string): Map<string, string> {
  return new Map([...html.matchAll(/d\("([^"]+)","([^"]*)"\)/g)].map((m) => [m[1] ?? '', Buffer.from(m[2] ?? '', 'base64').toString('utf8')]));
}

test('renders one offline HTML file with categories, environment, chart attachment and growing history', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-report-'));
  try {
    const results = join(dir, 'allure-results');
    mkdirSync(results);
    const latency = 'LatencyBudgetError: Latency budget exceeded: Slow call took 359 ms, budget 100 ms\n  Expected: <= 100 ms\n  Received: 359 ms';
    for (const [uuid, name, status, message] of [['a1', 'Fast journey', 'passed', undefined], ['b2', 'Slow journey', 'failed', latency]] as const) {
      writeFileSync(join(results, `${uuid}-result.json`), JSON.stringify(result(uuid, name, status, message)));
      writeFileSync(join(results, `${uuid}-attachment.svg`), renderLatencyChart([{ title: 'Slow call', latencyMs: 359, budgetMs: 100, status }]));
    }
    writeEnvironment(results, [{ name: 'workflow-mcp', serverName: 'workflow-mcp', serverVersion: '0.3.1', transport: 'http', address: 'http://127.0.0.1:4100/mcp' }]);
    const output = join(dir, 'allure-report');
    const history = join(dir, 'test-results', 'allure-history.jsonl');
    const args = ['--results', results, '--output', output, '--history', history];

    expect(await run(args)).toBe(0);
    const html = readFileSync(join(output, 'index.html'), 'utf8');
    expect(readdirSync(output).filter((f) => /\.(js|css|woff2?)$/.test(f))).toEqual([]);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toContain('googletagmanager');
    expect(html).toContain('"stepTreeExpansion":"expanded"');
    const data = embedded(html);
    expect(data.get('widgets/categories.json')).toContain('"name":"Latency budget exceeded"');
    expect(data.get('widgets/allure_environment.json')).toContain('workflow-mcp.version');
    expect([...data.values()].some((v) => v.includes('<rect class="bar over"'))).toBe(true);
    expect(existsSync(join(results, 'categories.json'))).toBe(true);
    expect(readFileSync(history, 'utf8').trim().split('\n')).toHaveLength(1);

    expect(await run(args)).toBe(0);
    expect(readFileSync(history, 'utf8').trim().split('\n')).toHaveLength(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing to render and bad options are usage errors (exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpj-report-'));
  try {
    expect(await run(['--results', join(dir, 'none'), '--output', join(dir, 'out')])).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(await run(['--bogus'])).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
