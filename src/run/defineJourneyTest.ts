// Declares one Playwright test per journey plan, located in the YAML file: Playwright takes a test's
// location from its caller's stack frame, so the `test(...)` call is compiled with the YAML file as its
// filename and a line offset that puts the call on the line of `test_name`.
import { runInThisContext } from 'node:vm';
import type { JourneyPlan } from '../compile/plan.js';
import type { test as journeyTest } from './testFixtures.js';

type JourneyTest = typeof journeyTest;
type Details = { tag: string[]; annotation: { type: string; description: string }[] };
type Body = Parameters<JourneyTest>[2];
type Declare = (test: JourneyTest, title: string, details: Details, body: Body) => void;

const SOURCE = '(function (test, title, details, body) {\ntest(title, details, body);\n})';

function declarer(plan: JourneyPlan): Declare {
  // The call sits on line 2 of SOURCE, column 1; lineOffset shifts it onto the journey's own line.
  return runInThisContext(SOURCE, { filename: plan.file, lineOffset: plan.location.line - 2, columnOffset: 0 }) as Declare;
}

export function defineJourneyTest(test: JourneyTest, plan: JourneyPlan): void {
  const declare = (): void => {
    declarer(plan)(test, plan.title, { tag: plan.tags, annotation: plan.annotations }, async ({ journey }) => {
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
