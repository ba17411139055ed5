// The package's public surface: the Playwright config helper and the types step authors see.
export { defineJourneysConfig, journeysAllureReporter } from './runner/journeysConfig.js';
export type { JourneysConfigOptions } from './runner/journeysConfig.js';
export type { JourneyPlan, StepPlan, CheckPlan, MatcherPlan, SourceLocation } from './compile/plan.js';
export type { RunContext, StepRecord } from './worker/context.js';
export type { JourneyDoc, StepDoc, FragmentDoc } from './load/journey.js';
export { JourneyStepError, LatencyBudgetError } from './worker/expect/errors.js';
export type { FailureCategory, FailureCode } from './worker/expect/errors.js';
