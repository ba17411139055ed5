// What the journey reporter adds to allure-playwright's result as it is written (src/runner/allureNotes.ts):
// each step's notes on its own step, even when two steps share a title and a start; test_id as a label
// in place of the pseudo-step; run-time warnings as steps after the steps that ran; no empty hook group,
// no `Fixture "…"` prefix.
import { test, expect } from '@playwright/test';
import type { TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { Stage, Status } from 'allure-js-commons';
import type { StepResult, TestResult as AllureResult } from 'allure-js-commons';
import { addJourneyNotes } from '../../src/runner/allureNotes.js';
import { StepNotes } from '../../src/report/stepNotes.js';

const T0 = 1_000_000;

/** A Playwright step as reporters get it: its parent set, its titles from the top. */
function pwStep(title: string, start: number, notes: StepNotes | undefined, steps: TestStep[] = []): TestStep {
  const step: TestStep = {
    title, startTime: new Date(T0 + start), duration: 5, category: 'test.step', steps, attachments: [],
    annotations: notes?.annotations() ?? [],
    titlePath: (): string[] => [...(step.parent?.titlePath() ?? []), title],
  };
  for (const child of steps) (child as { parent?: TestStep }).parent = step;
  return step;
}

function allureStep(name: string, start: number | undefined, steps: StepResult[] = []): StepResult {
  return { name, start: start === undefined ? undefined : T0 + start, stop: start === undefined ? undefined : T0 + start + 5, status: Status.PASSED, statusDetails: {}, stage: Stage.FINISHED, parameters: [], attachments: [], steps };
}

/** An attachment allure-playwright wrote at the test's end: a step with no status. */
function attachmentStep(name: string, start: number): StepResult {
  const { status: _status, ...step } = allureStep(name, start);
  return step;
}

function notes(server: string, body?: string, leadMs?: number): StepNotes {
  const n = new StepNotes();
  n.parameter('server', server);
  if (body !== undefined) n.attach({ name: 'request', contentType: 'application/json', body });
  if (leadMs !== undefined) n.lead(leadMs);
  return n;
}

test('notes land on their own step, same-title steps of one millisecond in order; test_id a label; warnings after the steps that ran', () => {
  const a = pwStep('call test.echo', 10, notes('a', '{"n":1}'));
  const b = pwStep('call test.echo', 10, notes('b', undefined, 2.7));
  const group = pwStep('Test steps', 8, undefined, [pwStep('parallel: 2 steps', 9, undefined, [a, b])]);
  const test = { annotations: [{ type: 'test_id', description: 'id-1' }] } as unknown as TestCase;
  const playwright = { steps: [group], startTime: new Date(T0), duration: 100, annotations: [{ type: 'warning', description: 'slow' }, { type: 'other', description: 'x' }] } as unknown as TestResult;
  const result = {
    uuid: 'u', name: 'j', statusDetails: {}, stage: Stage.FINISHED, labels: [{ name: 'titlePath', value: 'x' }, { name: 'tag', value: 't' }, { name: 'epic', value: 'E' }], links: [], parameters: [], attachments: [],
    steps: [
      allureStep('Before Hooks', 0, [allureStep('Fixture "start the servers"', 1)]), allureStep('test_id: id-1', undefined),
      allureStep('Test steps', 8, [allureStep('parallel: 2 steps', 9, [allureStep('call test.echo', 10), allureStep('call test.echo', 10)])]),
      attachmentStep('error-context', 100), allureStep('After Hooks', 100),
    ],
  } as AllureResult;
  const written: [string, string][] = [];
  addJourneyNotes(result, test, playwright, (name, content) => written.push([name, content.toString()]));

  expect(result.labels.map((l) => l.name)).toEqual(['titlePath', 'tag', 'test_id', 'epic']);
  expect(result.labels).toContainEqual({ name: 'test_id', value: 'id-1' });
  // The empty After Hooks left out; the fixture under its own title.
  expect(result.steps.map((s) => s.name)).toEqual(['Before Hooks', 'Test steps', 'warning: slow', 'error-context']);
  expect(result.steps[0]?.steps.map((s) => s.name)).toEqual(['start the servers']);
  expect(result.steps[2]).toMatchObject({ status: 'passed', stage: 'finished', start: T0 + 100, stop: T0 + 100 });
  const [first, second] = result.steps[1]?.steps[0]?.steps ?? [];
  expect(first?.parameters).toEqual([{ name: 'server', value: 'a' }]);
  expect(first?.attachments).toEqual([{ name: 'request', type: 'application/json', source: written[0]?.[0] }]);
  expect(written).toEqual([[expect.stringMatching(/^[0-9a-f-]{36}-attachment\.json$/), '{"n":1}']]);
  expect(second?.parameters).toEqual([{ name: 'server', value: 'b' }]);
  expect(second?.attachments).toEqual([]);
  // Sent 2.7 ms ahead: starts 2 whole milliseconds earlier, ends where it ended.
  expect([second?.start, second?.stop]).toEqual([T0 + 8, T0 + 15]);
  expect(first?.start).toBe(T0 + 10);
});

test('a result with nothing to add is left as it was', () => {
  const result = { uuid: 'u', name: 'j', statusDetails: {}, stage: Stage.FINISHED, labels: [{ name: 'epic', value: 'E' }], links: [], parameters: [], attachments: [], steps: [allureStep('Test steps', 1)] } as AllureResult;
  const before = structuredClone(result);
  addJourneyNotes(result, { annotations: [] } as unknown as TestCase, { steps: [pwStep('Test steps', 1, undefined)], startTime: new Date(T0), duration: 5, annotations: [] } as unknown as TestResult, () => {
    throw new Error('nothing to write');
  });
  expect(result).toEqual(before);
});
