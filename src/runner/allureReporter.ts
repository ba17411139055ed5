// allure-playwright, with what a journey reports beyond the Playwright events added to each result as it
// is written (src/runner/allureNotes.ts). Every event goes to allure-playwright as Playwright sent it; the
// additions go in through allure-js-commons' public LifecycleListener, and so does where the journey sits
// (src/runner/allurePlace.ts). Tests end one at a time here, so
// the result being written is always the one of the test that is ending. allure-playwright does nothing
// with output and errors (onStdOut, onStdErr, onError), so they are not passed on.
import type { FullConfig, Reporter, Suite, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import type { TestResult as AllureResult } from 'allure-js-commons';
import { createDefaultWriter } from 'allure-js-commons/sdk/reporter';
import { AllureReporter } from 'allure-playwright';
import { messageOf } from '../common/messageOf.js';
import { addJourneyNotes } from './allureNotes.js';
import { placeJourney } from './allurePlace.js';
import { keepLoadsInEveryShard } from './segments.js';

type Options = ConstructorParameters<typeof AllureReporter>[0];
type PreprocessParams = Parameters<NonNullable<Reporter['preprocess']>>[0];

export default class JourneysAllureReporter implements Reporter {
  private readonly allure: AllureReporter;
  private readonly writer: ReturnType<typeof createDefaultWriter>;
  private ending: { test: TestCase; result: TestResult } | undefined;
  private ended: Promise<void> = Promise.resolve();
  private configured = false;
  private rootDir = process.cwd();

  constructor(options: Options = {}) {
    // Where allure-playwright writes its own attachments, resolved the same way.
    this.writer = createDefaultWriter({ ...(options.resultsDir === undefined ? {} : { resultsDir: options.resultsDir }) });
    const listener = { beforeTestResultWrite: (result: AllureResult): void => this.beforeWrite(result) };
    this.allure = new AllureReporter({ ...options, listeners: [...(options.listeners ?? []), listener] });
  }

  private beforeWrite(result: AllureResult): void {
    const ending = this.ending;
    if (!ending) return;
    this.ending = undefined;
    placeJourney(result, ending.test, this.rootDir);
    addJourneyNotes(result, ending.test, ending.result, (name, content) => this.writer.writeAttachment(name, content));
  }

  private configure(config: FullConfig): void {
    if (this.configured) return;
    this.configured = true;
    this.rootDir = config.rootDir;
    this.allure.onConfigure(config);
  }

  async preprocess(params: PreprocessParams): Promise<void> {
    this.configure(params.config);
    // This reporter is in every journeys run (the default config, or a reporter list of the user's own).
    keepLoadsInEveryShard(params.config, params.suite, params.testRun);
    await this.allure.preprocess(params);
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.configure(config);
    this.allure.onBegin(suite);
  }

  onTestBegin(test: TestCase): void {
    this.allure.onTestBegin(test);
  }

  onStepBegin(test: TestCase, result: TestResult, step: TestStep): void {
    this.allure.onStepBegin(test, result, step);
  }

  onStepEnd(test: TestCase, result: TestResult, step: TestStep): void {
    this.allure.onStepEnd(test, result, step);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.ended = this.ended.then(async () => {
      this.ending = { test, result };
      try {
        await this.allure.onTestEnd(test, result);
      } finally {
        this.ending = undefined;
      }
    }).catch((e: unknown) => {
      console.error(`[mcp-journeys] Allure result for "${test.title}" not written: ${messageOf(e)}`);
    });
  }

  async onEnd(): Promise<void> {
    await this.ended;
    await this.allure.onEnd();
  }

  async onExit(): Promise<void> {
    await Promise.resolve(this.allure.onExit());
  }

  printsToStdio(): boolean {
    return this.allure.printsToStdio();
  }
}
