// What the Allure result of a journey shows beyond what allure-playwright makes of the Playwright events:
// each step's notes (parameters, request and response; src/report/stepNotes.ts) on that step, `test_id` as
// a label, and what the runner said while the test ran as steps at its end. Applied to the finished result
// just before it is written (allure-js-commons' LifecycleListener.beforeTestResultWrite), so nothing here
// depends on the order in which step events arrived: overlapping `parallel:` branches keep their own notes.
import { Stage, Status } from 'allure-js-commons';
import type { StepResult, TestResult as AllureResult } from 'allure-js-commons';
import { randomUuid } from 'allure-js-commons/sdk/reporter';
import type { TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { readStepNotes } from '../report/stepNotes.js';
import type { StepNotesData } from '../report/stepNotes.js';

/** Annotations the runner adds while a journey runs (journeyRunner.ts, runStep.ts, steps/fault.ts). */
const SAID_AT_RUN_TIME = new Set(['warning', 'teardown failure', 'degraded']);
/** Playwright's group of the fixtures' teardown; allure-playwright puts it last. */
const AFTER_HOOKS = 'After Hooks';
const HOOK_GROUPS = new Set(['Before Hooks', AFTER_HOOKS]);
/** Playwright's title of a fixture step: the fixture's `title` is the user's word for it. */
const FIXTURE_TITLE = /^Fixture "(.*)"$/s;

/** Writes an attachment's file into allure-results. */
export type WriteAttachment = (fileName: string, content: Buffer) => void;

const EXTENSIONS: Record<string, string> = { 'application/json': '.json', 'text/plain': '.txt', 'image/svg+xml': '.svg' };

/** A step is known by its titles from the top and when it started (both as allure-playwright keeps them). */
function stepKey(titles: readonly string[], start: number | undefined): string {
  return `${titles.join('\u0000')}\u0001${start ?? ''}`;
}

function notesByStep(steps: readonly TestStep[], into = new Map<string, StepNotesData[]>()): Map<string, StepNotesData[]> {
  for (const step of steps) {
    const notes = readStepNotes(step.annotations);
    if (notes) {
      const key = stepKey(step.titlePath(), step.startTime.getTime());
      into.set(key, [...(into.get(key) ?? []), notes]);
    }
    notesByStep(step.steps, into);
  }
  return into;
}

function annotate(step: StepResult, notes: StepNotesData, write: WriteAttachment): void {
  step.parameters.push(...notes.parameters.map((p) => ({ name: p.name, value: p.value })));
  for (const a of notes.attachments) {
    const source = `${randomUuid()}-attachment${EXTENSIONS[a.contentType.split(';')[0]?.trim() ?? ''] ?? ''}`;
    write(source, Buffer.from(a.body));
    step.attachments.push({ name: a.name, source, type: a.contentType });
  }
  // A call sent ahead (src/worker/lookahead.ts) starts when it went out; whole milliseconds, never before the
  // request's own millisecond, so it cannot seem to overlap the step before.
  const lead = Math.floor(notes.leadMs ?? 0);
  if (lead > 0 && step.start !== undefined) step.start -= lead;
}

function putNotes(steps: readonly StepResult[], path: readonly string[], notes: Map<string, StepNotesData[]>, write: WriteAttachment): void {
  for (const step of steps) {
    const titles = [...path, step.name ?? ''];
    const key = stepKey(titles, step.start);
    // Steps of one title that started in the same millisecond take their notes in the order they began.
    const own = notes.get(key)?.shift();
    putNotes(step.steps, titles, notes, write);
    if (own) annotate(step, own, write);
  }
}

/** allure-playwright shows a test annotation it has no label for as a step: `test_id` is a label instead. */
function labelTestId(result: AllureResult, test: TestCase): void {
  const testId = test.annotations.find((a) => a.type === 'test_id')?.description;
  if (testId === undefined) return;
  result.steps = result.steps.filter((s) => !(s.name === `test_id: ${testId}` && s.start === undefined));
  if (result.labels.some((l) => l.name === 'test_id')) return;
  const after = result.labels.map((l) => l.name).findLastIndex((n) => n === 'titlePath' || n === 'tag');
  result.labels.splice(after + 1, 0, { name: 'test_id', value: testId });
}

/** One step per annotation said at run time, at the test's end, after the steps that ran. */
function addSaidSteps(result: AllureResult, playwright: TestResult): void {
  const end = playwright.startTime.getTime() + Math.max(0, playwright.duration);
  const said: StepResult[] = playwright.annotations.filter((a) => SAID_AT_RUN_TIME.has(a.type)).map((a) => ({
    name: `${a.type}: ${a.description ?? ''}`, status: Status.PASSED, statusDetails: {}, stage: Stage.FINISHED,
    start: end, stop: end, parameters: [], attachments: [], steps: [], uuid: randomUuid(),
  }));
  if (said.length === 0) return;
  // After the last step that ran; before the test's own attachments and the fixtures' teardown.
  const ran = result.steps.map((s) => s.status !== undefined && s.name !== AFTER_HOOKS).lastIndexOf(true);
  result.steps.splice(ran + 1, 0, ...said);
}

/** The runner's fixtures are boxed, so a hook group is often empty (every journey's After Hooks, the Before
 * Hooks of a worker's later journeys): dropped. What is left is named as the runner titled it, `start the
 * servers`, not `Fixture "start the servers"`. */
function tidyHooks(result: AllureResult): void {
  const rename = (steps: StepResult[]): void => {
    for (const step of steps) {
      const inner = FIXTURE_TITLE.exec(step.name ?? '')?.[1];
      if (inner !== undefined) step.name = inner;
      rename(step.steps);
    }
  };
  result.steps = result.steps.filter((s) => !(HOOK_GROUPS.has(s.name ?? '') && s.steps.length === 0 && s.attachments.length === 0));
  rename(result.steps);
}

/** The journey's result as Allure shows it: see the file's opening comment. */
export function addJourneyNotes(result: AllureResult, test: TestCase, playwright: TestResult, write: WriteAttachment): void {
  labelTestId(result, test);
  putNotes(result.steps, [], notesByStep(playwright.steps), write);
  addSaidSteps(result, playwright);
  tidyHooks(result);
}
