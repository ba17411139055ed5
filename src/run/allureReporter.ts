// allure-playwright, with each journey step's notes (parameters; request and response) put back on its
// Allure step. The notes travel as an annotation on the step's end (src/report/stepNotes.ts) instead of
// as Playwright attachments of their own, which cost a round trip each. Step events are held until the
// test ends and then replayed depth first: allure-playwright applies step metadata to whichever step
// started last, so live events would hand one branch's notes to another when `parallel:` steps overlap.
// Replaying loses nothing: Allure takes each step's start and duration from the Playwright step itself,
// except that a step whose request was sent ahead of it (src/run/lookahead.ts) starts when it went out.
// allure-playwright reads a test's annotations once, as it begins: `test_id` would show as a pseudo-step
// there, so it goes in as a label; what the runner says while the test runs (a server that did not connect,
// a teardown failure, the faults in force) comes back at the end as steps, as allure-playwright shows the
// static ones.
import type { TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import { AllureReporter } from 'allure-playwright';
import { readStepNotes } from '../report/stepNotes.js';
import type { StepNotesData } from '../report/stepNotes.js';

const NOTES_TITLE = 'mcp-journeys step notes';
/** Annotations the runner adds while a journey runs (journeyRunner.ts, runStep.ts, steps/fault.ts). */
const SAID_AT_RUN_TIME = new Set(['warning', 'teardown failure', 'degraded']);

function runtimeMessages(notes: StepNotesData, at: number): unknown[] {
  const messages: unknown[] = [];
  if (notes.parameters.length > 0) messages.push({ type: 'step_metadata', data: { parameters: notes.parameters } });
  for (const a of notes.attachments) {
    messages.push({
      type: 'attachment_content',
      data: { name: a.name, content: Buffer.from(a.body).toString('base64'), encoding: 'base64', contentType: a.contentType, wrapInStep: false, timestamp: at },
    });
  }
  return messages;
}

/** The notes as allure-playwright's own runtime API would have sent them: an attach step inside the step. */
function notesStep(step: TestStep, notes: StepNotesData | undefined): TestStep | undefined {
  if (!notes || notes.parameters.length + notes.attachments.length === 0) return undefined;
  const end = step.startTime.getTime() + Math.max(0, step.duration);
  const attachments = runtimeMessages(notes, end).map((message) => ({
    name: NOTES_TITLE, contentType: ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE, body: Buffer.from(JSON.stringify(message)),
  }));
  const title = `Attach "${NOTES_TITLE}"`;
  return {
    title, category: 'test.attach', parent: step, startTime: new Date(end), duration: 0,
    steps: [], annotations: [], attachments, titlePath: () => [...step.titlePath(), title],
  };
}

/** The step as replayed: its parent is the replayed parent, it starts when its request went out, and a
 * step that took under a millisecond keeps its own end (Allure reads a zero duration as "ends now",
 * which is only right live). */
function replayed(step: TestStep, parent: TestStep | undefined, notes: StepNotesData | undefined): TestStep {
  // Whole milliseconds: never before the request's own millisecond, so it cannot seem to overlap the step before.
  const lead = Math.floor(notes?.leadMs ?? 0);
  const startTime = lead > 0 ? new Date(step.startTime.getTime() - lead) : step.startTime;
  const duration = step.duration + (step.startTime.getTime() - startTime.getTime());
  return Object.create(step, {
    parent: { value: parent },
    startTime: { value: startTime },
    duration: { value: duration === 0 ? Number.MIN_VALUE : duration },
  }) as TestStep;
}

/** The test as allure-playwright sees it as it begins: `test_id` a label rather than a pseudo-step. */
function labelled(test: TestCase): TestCase {
  const annotations = test.annotations.map((a) => (a.type === 'test_id' ? { ...a, type: 'allure.label.test_id' } : a));
  return Object.create(test, { annotations: { value: annotations } }) as TestCase;
}

/** One step per annotation said at run time, at the test's end. */
function saidSteps(result: TestResult): TestStep[] {
  const end = new Date(result.startTime.getTime() + Math.max(0, result.duration));
  return result.annotations.filter((a) => SAID_AT_RUN_TIME.has(a.type)).map((a) => {
    const title = `${a.type}: ${a.description ?? ''}`;
    return { title, category: 'test.step', startTime: end, duration: Number.MIN_VALUE, steps: [], annotations: [], attachments: [], titlePath: () => [title] };
  });
}

export default class JourneysAllureReporter extends AllureReporter {
  private readonly ended = new WeakSet<TestStep>();

  override onTestBegin(test: TestCase): void {
    super.onTestBegin(labelled(test));
  }

  override onStepBegin(): void {
    // Replayed from onTestEnd.
  }

  override onStepEnd(_test: TestCase, _result: TestResult, step: TestStep): void {
    this.ended.add(step);
  }

  override async onTestEnd(test: TestCase, result: TestResult): Promise<void> {
    for (const step of result.steps) this.replay(test, result, step);
    for (const said of saidSteps(result)) {
      super.onStepBegin(test, result, said);
      super.onStepEnd(test, result, said);
    }
    await super.onTestEnd(test, result);
  }

  private replay(test: TestCase, result: TestResult, step: TestStep, parent?: TestStep): void {
    const notes = readStepNotes(step.annotations);
    const view = replayed(step, parent, notes);
    super.onStepBegin(test, result, view);
    for (const child of step.steps) this.replay(test, result, child, view);
    // A step that never ended (its worker died) stays open, as it would have live.
    if (!this.ended.has(step)) return;
    const attach = notesStep(view, notes);
    if (attach) {
      super.onStepBegin(test, result, attach);
      super.onStepEnd(test, result, attach);
    }
    super.onStepEnd(test, result, view);
  }
}
