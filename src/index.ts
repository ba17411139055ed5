// The package's public surface: the Playwright config helper and the types step authors see.
export { defineJourneysConfig, journeysAllureReporter } from './run/config.js';
export type { JourneysConfigOptions } from './run/config.js';
export type { JourneyPlan, StepPlan, CheckPlan, MatcherPlan, SourceLocation } from './compile/plan.js';
export type { RunContext, StepRecord } from './run/context.js';
export type { JourneyDoc, StepDoc, FragmentDoc } from './load/journey.js';
export { JourneyStepError, LatencyBudgetError } from './run/expect/errors.js';
export type { FailureCategory, FailureCode } from './run/expect/errors.js';
