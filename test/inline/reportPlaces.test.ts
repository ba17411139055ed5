// Where a report places a journey: its YAML file relative to the project, its folder as the suite, and
// nothing of the runner (the entry spec, the paths from where the package is installed, fixture names), in
// the Allure results, Playwright's JSON report and the list reporter's lines.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { journeysAllureReporter } from '../../src/index.js';
import { runJourneys } from '../support/inline.js';
import type { AllureStep } from '../support/inline.js';

test.describe.configure({ timeout: 180_000 });

interface Placed {
  name: string;
  fullName?: string;
  titlePath?: string[];
  labels: { name: string; value: string }[];
  steps: AllureStep[];
}
interface JsonSpec { title: string; file: string; line: number }
interface JsonSuite { title: string; specs?: JsonSpec[]; suites?: JsonSuite[] }

const FILE = 'cross-server/file-to-memory.journey.yaml';
const journey = `test_id: 4c1d7e2a-9b3f-4a6e-8d5c-1f0a2b3c4d01
test_name: A file read lands in memory
description: Reads a resource, then echoes it.
servers_required: [test]
test_steps:
  - read: { server: test, uri: "test://info" }
  - call: test.echo
    args: { text: remembered }
    expect: { result: { $.text: remembered } }
  - call: test.fail
    expect: { error: failed }
`;

const OTHER = 'smoke/own-suite.journey.yaml';
const ownSuite = `test_id: 4c1d7e2a-9b3f-4a6e-8d5c-1f0a2b3c4d02
test_name: A journey that names its suite
description: Its labels say where it goes.
servers_required: [test]
labels: { suite: degraded }
test_steps:
  - call: test.echo
    args: { text: here }
    expect: { result: { $.text: here } }
  - call: test.fail
    expect: { error: failed }
`;

/** Names that are the runner's own, never the user's: the entry spec, relative climbs, fixtures. */
const INSIDES = ['journeys.spec', '../', 'journeyStack', 'journeyMcpConfig', 'journeySql', 'journeyAllureResultsDir', 'journeyRunRecordsDir', 'journeyMcpConfigPath'];

function stepNames(steps: AllureStep[]): string[] {
  return steps.flatMap((s) => [s.name, ...stepNames(s.steps)]);
}

function findStep(steps: AllureStep[], name: string): AllureStep | undefined {
  for (const s of steps) {
    if (s.name === name) return s;
    const inner = findStep(s.steps, name);
    if (inner) return inner;
  }
  return undefined;
}

function specs(suite: JsonSuite): JsonSpec[] {
  return [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
}

test('a journey is placed by its YAML file and folder in Allure, the JSON report and the list reporter', async () => {
  const jsonFile = join(tmpdir(), `mcpj-places-${randomBytes(6).toString('hex')}.json`);
  try {
    const run = await runJourneys({
      files: { [FILE]: journey, [OTHER]: ownSuite },
      args: [`--reporter=list,json,${journeysAllureReporter}`],
      env: { PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile, PLAYWRIGHT_LIST_PRINT_STEPS: '1' },
    });
    expect(run.exitCode, run.output).toBe(0);
    const results = run.allureResults as unknown as Placed[];
    // Each journey once: each folder's project takes its own journeys only.
    expect(results.map((r) => r.name).sort()).toEqual(['A file read lands in memory', 'A journey that names its suite']);
    const result = results.find((r) => r.name === 'A file read lands in memory');
    const label = (name: string) => result?.labels.filter((l) => l.name === name).map((l) => l.value);

    expect.soft(label('package'), 'package').toEqual(['journeys.cross-server.file-to-memory.journey.yaml']);
    expect.soft(label('suite'), 'suite').toEqual(['cross-server']);
    expect.soft(label('parentSuite'), 'parentSuite').toEqual([]);
    expect.soft(label('subSuite'), 'subSuite').toEqual([]);
    expect.soft(label('titlePath'), 'titlePath label').toEqual(['journeys > cross-server > file-to-memory.journey.yaml']);
    expect.soft(result?.titlePath, 'titlePath').toEqual(['journeys', 'cross-server', 'file-to-memory.journey.yaml']);
    expect.soft(result?.fullName, 'fullName').toBe(`journeys/${FILE} › A file read lands in memory`);

    const own = results.find((r) => r.name === 'A journey that names its suite');
    const ownLabels = (name: string) => own?.labels.filter((l) => l.name === name).map((l) => l.value);
    expect.soft(ownLabels('suite'), 'a suite from the YAML is kept').toEqual(['degraded']);
    expect.soft(ownLabels('package'), 'package of the other').toEqual(['journeys.smoke.own-suite.journey.yaml']);

    const names = stepNames(result?.steps ?? []);
    // Playwright's own wording stays out: no `Fixture "…"` prefix, no hook group left empty.
    const all = results.flatMap((r) => stepNames(r.steps));
    expect.soft(all, 'the stack starting is a step the user recognises').toContain('start the servers');
    expect.soft(all.filter((n) => n.startsWith('Fixture ')), 'no "Fixture" prefix').toEqual([]);
    const hooks = results.flatMap((r) => r.steps.filter((s) => /^(Before|After) Hooks$/.test(s.name)));
    expect.soft(hooks.filter((h) => h.steps.length === 0).map((h) => h.name), 'no empty hook group').toEqual([]);
    expect.soft(hooks.map((h) => h.name), 'the stack starting under Before Hooks').toContain('Before Hooks');
    expect.soft(names, 'connecting to the servers too').toContain('connect test');
    const shown = JSON.stringify({ labels: result?.labels, titlePath: result?.titlePath, fullName: result?.fullName, steps: names });
    for (const inside of INSIDES) expect.soft(shown, `Allure shows ${inside}`).not.toContain(inside);
    const read = findStep(result?.steps ?? [], 'read test test://info');
    expect.soft(read?.parameters, 'a read step shows its URI').toContainEqual({ name: 'uri', value: 'test://info' });

    if (!existsSync(jsonFile)) throw new Error(`no JSON report; the run printed:\n${run.output}`);
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { suites: JsonSuite[] };
    const spec = report.suites.flatMap(specs).find((s) => s.title === 'A file read lands in memory');
    expect.soft(spec?.file, 'JSON report: the spec is the YAML file').toBe(`journeys/${FILE}`);
    expect.soft(spec?.line, 'JSON report: at the line of test_name').toBe(3);
    const line = run.output.split('\n').find((l) => l.includes('A file read lands in memory')) ?? '';
    expect.soft(line, 'list reporter').toContain(`journeys/${FILE}:3:1 › cross-server › A file read lands in memory`);
    for (const inside of INSIDES) expect.soft(run.output, `the list reporter shows ${inside}`).not.toContain(inside);
  } finally {
    rmSync(jsonFile, { force: true });
  }
});
