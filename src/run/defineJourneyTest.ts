// Declares one Playwright test per journey plan, located in the YAML file: Playwright takes a test's
// location from its caller's stack frame, so the `test(...)` call is compiled with the YAML file as its
// filename and a line offset that puts the call on the line of `test_name`.
import { runInThisContext } from 'node:vm';
import type { JourneyPlan } from '../compile/plan.js';
import type { test as journeyTest } from './testFixtures.js';

type JourneyTest = typeof journeyTest;
type Details = { tag: string[]; annotation: { type: string; description: string }[] };
type Body = Parameters<JourneyTest>[2];
type TestFn = (title: string, details: Details, body: Body) => void;
type Declare = (test: TestFn, title: string, details: Details, body: Body) => void;

const SOURCE = '(function (test, title, details, body) {\ntest(title, details, body);\n})';

function declarer(plan: JourneyPlan): Declare {
  // The call sits on line 2 of SOURCE, column 1; lineOffset shifts it onto the journey's own line.
  return runInThisContext(SOURCE, { filename: plan.file, lineOffset: plan.location.line - 2, columnOffset: 0 }) as Declare;
}

/** `skip` says why the journey cannot run here; it is declared skipped, so no fixture (no stack) starts. */
export function defineJourneyTest(test: JourneyTest, plan: JourneyPlan, skip?: string): void {
  const declare = (): void => {
    const annotation = skip === undefined ? plan.annotations : [...plan.annotations, { type: 'skip', description: skip }];
    const declared: TestFn = skip === undefined ? test : test.skip.bind(test);
    declarer(plan)(declared, plan.title, { tag: plan.tags, annotation }, async ({ journey }) => {
      await journey.play(plan);
    });
  };
  if (plan.retries === undefined && plan.timeoutMs === undefined) {
    declare();
    return;
  }
  // Per-journey retries and timeout: an anonymous group adds no title but carries the configuration.
  test.describe(() => {
    test.describe.configure({
      ...(plan.retries === undefined ? {} : { retries: plan.retries }),
      ...(plan.timeoutMs === undefined ? {} : { timeout: plan.timeoutMs }),
    });
    declare();
  });
}
