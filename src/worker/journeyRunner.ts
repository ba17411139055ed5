// Plays one journey plan inside its Playwright test: session, setup, test steps, assertions, and a
// teardown that always runs — after a failure in the test body, and from the fixture after a timeout.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { test } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import type { JourneyPlan, PhasePlan } from '../compile/plan.js';
import type { SqlClient } from '../db/query.js';
import type { McpSession, SessionOptions } from '../mcp/types.js';
import { maskedJson, maskError, masking } from '../report/mask.js';
import { runAssertions } from './assertions.js';
import type { Phase, RunContext, StepRecord } from './context.js';
import { identifyJourney, reportJourney, reportServers } from './journeyReport.js';
import { createPerfHost } from './perf/host.js';
import { playTestSteps } from './perf/testPhase.js';
import { CallLookahead } from './lookahead.js';
import { runStep } from './runStep.js';
import { sessionOptions } from './sessionOptions.js';
import type { StackControl } from './stackControl.js';
import { Scope } from './variables.js';
import type { Builtins } from './variables.js';

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export interface RunnerDeps {
  testInfo: TestInfo;
  openSession(servers: string[], options: SessionOptions): Promise<McpSession>;
  sql: SqlClient;
  /** Managed server processes (name → pid), watched by load tests for resource usage and crashes. */
  serverPids?(): Record<string, number | undefined>;
  builtins: Omit<Builtins, 'runId'>;
  /** The embedded stack's faults and servers, when the journeys run against it. */
  stack?: StackControl;
  /** Base URL of a server's HTTP endpoints, for `http` steps. */
  baseUrl?(server: string): string | undefined;
  /** Where environment.properties and run records go: where the reporter reads. */
  outputs: { allureResultsDir: string; runRecordsDir: string };
}

export class JourneyRunner {
  private plan: JourneyPlan | undefined;
  private ctx: RunContext | undefined;
  private readonly sessions: McpSession[] = [];
  private readonly records: StepRecord[] = [];
  /** Aborts in-flight steps when the test ends early; teardown gets its own, unaborted signal. */
  private readonly controller = new AbortController();
  private teardownRun: Promise<Error | undefined> | undefined;
  private readonly cleanups: (() => Promise<void>)[] = [];
  readonly runId = randomBytes(5).toString('hex');
  private readonly startedAt = new Date();

  constructor(private readonly deps: RunnerDeps) {
    // Each call in flight (through the signal the session links to this one for that call alone), wait
    // and poll holds one 'abort' listener here until it ends; load, benchmark and parallel sessions share
    // this signal, so more than Node's warning threshold of 10 may be in flight at once.
    setMaxListeners(0, this.controller.signal);
  }

  async play(plan: JourneyPlan): Promise<void> {
    this.plan = plan;
    await identifyJourney(plan);
    const scope = new Scope({ ...this.deps.builtins, runId: this.runId });
    for (const [name, value] of Object.entries(plan.vars)) {
      scope.save(name, { value: scope.render(value), provenance: { origin: 'vars', location: plan.location } });
    }
    try {
      const options = sessionOptions(plan.session, this.deps.builtins.env);
      const session = await this.connect(plan, options);
      this.ctx = this.context(session, scope, options);
      await this.phase('Setup', plan.setup, 'setup');
      const testCtx: RunContext = { ...this.ctx, phase: 'test' };
      // A group of their own, as setup and teardown have: Playwright looks for a step's parent by walking
      // every step of the test when none encloses it, which made a long journey's steps cost more and more.
      await test.step('Test steps', () => masking(() => playTestSteps(plan, testCtx)), plan.test.location ? { location: plan.test.location } : {});
      await runAssertions(plan.assertions, testCtx);
    } catch (e) {
      // Teardown failures are reported on the test, but never replace the failure that came first.
      await this.teardown();
      // Aborted because the test already ended (timeout): Playwright has reported that; this is noise.
      if (this.controller.signal.aborted) return;
      throw maskError(e);
    }
    const teardownError = await this.teardown();
    if (teardownError) throw maskError(teardownError);
  }

  /** Called by the fixture after the test body, however it ended. Never throws. */
  async finish(): Promise<void> {
    this.controller.abort(new Error('the test ended'));
    await this.teardown();
    await Promise.allSettled(this.sessions.map((s) => s.close()));
    await Promise.allSettled(this.cleanups.splice(0).reverse().map((cleanup) => cleanup()));
    const variables = Object.fromEntries((this.ctx?.scope.entries() ?? []).map(([k, v]) => [k, v]));
    const body = maskedJson({ testId: this.plan?.testId, runId: this.runId, steps: this.records, variables });
    await this.deps.testInfo.attach('mcp-journeys', { body, contentType: 'application/json' }).catch(() => undefined);
    if (this.plan) await reportJourney(this.plan, this.records, this.deps.testInfo, this.startedAt, this.deps.outputs.runRecordsDir);
  }

  /** Server start-up has its own budget (startup_timeout, per server): the journey's timeout is for its
   * steps, so a slow machine starting stdio servers does not eat into it. */
  private async connect(plan: JourneyPlan, options: SessionOptions): Promise<McpSession> {
    const { testInfo } = this.deps;
    const budget = testInfo.timeout;
    const started = performance.now();
    if (budget > 0) testInfo.setTimeout(0);
    try {
      return await test.step(`connect ${plan.servers.join(', ')}`, () => masking(() => this.open(plan.servers, options)), { location: plan.location });
    } finally {
      if (budget > 0) testInfo.setTimeout(budget + (performance.now() - started));
    }
  }

  private async open(servers: string[], options: SessionOptions): Promise<McpSession> {
    const session = await this.deps.openSession(servers, options);
    this.sessions.push(session);
    reportServers(session.info(), this.deps.outputs.allureResultsDir);
    // Not fatal: calls to such a server reconnect, and a journey may expect it to be unavailable.
    for (const server of session.info().filter((s) => !s.connected)) {
      this.deps.testInfo.annotations.push({ type: 'warning', description: `${server.name} did not connect at start: ${server.error ?? 'unknown reason'}` });
    }
    return session;
  }

  private context(session: McpSession, scope: Scope, options: SessionOptions): RunContext {
    const plan = this.plan;
    return {
      session, scope, phase: 'setup', signal: this.controller.signal, records: this.records,
      sql: (request) => this.deps.sql.query(request),
      openSessions: (count) => Promise.all(Array.from({ length: count }, () => this.open(plan?.servers ?? [], options))),
      ...(plan ? { perf: createPerfHost(plan, this.deps.testInfo, () => this.deps.serverPids?.() ?? {}) } : {}),
      runStep,
      lookahead: new CallLookahead(),
      warn: (description) => { this.deps.testInfo.annotations.push({ type: 'warning', description }); },
      baseUrl: (server) => this.deps.baseUrl?.(server),
      defer: (cleanup) => { this.cleanups.push(cleanup); },
      faults: this.deps.stack?.faults,
      servers: this.deps.stack?.servers,
    };
  }

  private async phase(title: string, phase: PhasePlan, name: Phase, ctx = this.ctx): Promise<void> {
    if (!ctx || phase.steps.length === 0) return;
    const inPhase: RunContext = { ...ctx, phase: name };
    await test.step(title, async () => {
      for (const [i, step] of phase.steps.entries()) await runStep(step, inPhase, phase.steps[i + 1]);
    }, phase.location ? { location: phase.location } : {});
  }

  /** Runs once; every teardown step is tried even when an earlier one fails. Resolves to the first error. */
  private teardown(): Promise<Error | undefined> {
    this.teardownRun ??= this.runTeardown();
    return this.teardownRun;
  }

  private async runTeardown(): Promise<Error | undefined> {
    if (this.deps.stack?.stopping()) {
      // Interrupted (Ctrl-C): the stack is going away, so teardown steps could only wait on dead servers.
      this.deps.testInfo.annotations.push({ type: 'warning', description: 'teardown steps skipped: the run was interrupted and the stack is stopping' });
      return undefined;
    }
    const restored = await this.restoreStack();
    const plan = this.plan;
    if (!plan || !this.ctx || plan.teardown.steps.length === 0) return restored;
    const ctx: RunContext = { ...this.ctx, phase: 'teardown', signal: new AbortController().signal };
    let first: Error | undefined;
    try {
      await test.step('Teardown', async () => {
        for (const step of plan.teardown.steps) {
          await runStep(step, ctx).catch((e: unknown) => { first ??= asError(e); });
        }
        if (first !== undefined) throw first;
      }, plan.teardown.location ? { location: plan.teardown.location } : {});
    } catch (e) {
      first ??= asError(e);
      this.deps.testInfo.annotations.push({ type: 'teardown failure', description: first.message.split('\n')[0] ?? '' });
    }
    return restored ?? first;
  }

  /** Faults lifted (newest first) and stopped servers started, before the teardown steps that need them. */
  private async restoreStack(): Promise<Error | undefined> {
    const stack = this.deps.stack;
    if (!stack?.dirty()) return undefined;
    try {
      await test.step('Restore the stack: faults cleared, servers up', () => masking(() => stack.reset()));
      return undefined;
    } catch (e) {
      const error = asError(e);
      this.deps.testInfo.annotations.push({ type: 'teardown failure', description: error.message.split('\n')[0] ?? '' });
      return error;
    }
  }
}
