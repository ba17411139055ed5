// Declares one Playwright test per journey plan, located in the YAML file at the line of `test_name`
// (src/suite/testLocation.ts says how).
import type { JourneyPlan } from '../compile/plan.js';
import { declareAt } from './testLocation.js';
import type { test as journeyTest } from '../worker/testFixtures.js';

type JourneyTest = typeof journeyTest;
type Details = { tag: string[]; annotation: { type: string; description: string }[] };
type Body = Parameters<JourneyTest>[2];

/** `skip` says why the journey cannot run here: Playwright skips a test declared with a `skip` annotation
 * before any fixture (so no stack) starts, and reports the annotation's description as the reason. */
export function defineJourneyTest(test: JourneyTest, plan: JourneyPlan, skip?: string): void {
  const declare = (): void => {
    const annotation = skip === undefined ? plan.annotations : [...plan.annotations, { type: 'skip', description: skip }];
    const body: Body = async ({ journey }) => {
      await journey.play(plan);
    };
    declareAt<Details, Body>({ file: plan.file, line: plan.location.line }, test, plan.title, { tag: plan.tags, annotation }, body);
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
