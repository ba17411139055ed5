// Plays one journey plan inside its Playwright test: session, setup, test steps, assertions, and a
// teardown that always runs and is reported — after a failure, after the journey's timeout (which fires
// before Playwright's, see journeyDeadline.ts), and after Ctrl-C (interrupts.ts).
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import type { JourneyPlan, PhasePlan, StepPlan } from '../compile/plan.js';
import type { SqlClient } from '../db/query.js';
import type { McpConfig, McpSession, SessionOptions } from '../mcp/types.js';
import { maskedJson, maskError, masking } from '../report/mask.js';
import { runAssertions } from './assertions.js';
import type { Phase, RunContext, StepRecord } from './context.js';
import { onInterrupt } from './interrupts.js';
import { JourneyDeadline } from './journeyDeadline.js';
import { identifyJourney, reportJourney, reportServers } from './journeyReport.js';
import { createPerfHost } from './perf/host.js';
import { playTestSteps } from './perf/testPhase.js';
import { CallLookahead } from './lookahead.js';
import { runStep } from './runStep.js';
import { StepTimeline } from './timeline.js';
import { sessionOptions } from './sessionOptions.js';
import type { StackControl } from './stackControl.js';
import { faultedServers } from './reach.js';
import { Scope } from './variables.js';
import type { Builtins } from './variables.js';

/** A promise and its resolver (Promise.withResolvers is Node 22). */
function opened(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => { resolve = done; });
  return { promise, resolve };
}

/** How long after Ctrl-C the worker waits for the runner to stop the test before failing it itself. */
const INTERRUPT_GRACE_MS = 10_000;

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export interface RunnerDeps {
  testInfo: TestInfo;
  /** `faulted`: the servers the journey's `fault` steps name, reached through their fault proxy. */
  openSession(servers: string[], options: SessionOptions, faulted: ReadonlySet<string>): Promise<McpSession>;
  /** The configuration openSession opens from, for load threads (absent: sessions only through openSession). */
  sessionConfig?(faulted: ReadonlySet<string>): McpConfig;
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
  /** performance.now() when the test's time started counting (the fixture's start); default: now. */
  startedAt?: number;
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
  private deadline: JourneyDeadline | undefined;
  private finished = false;
  private stopListening: (() => void) | undefined;
  /** Aborted when the fixture finishes the test. */
  private readonly ended = new AbortController();
  /** Resolved once the teardown has opened its first step (or found none to open). */
  private readonly teardownBegun = opened();

  constructor(private readonly deps: RunnerDeps) {
    // Each call in flight (through the signal the session links to this one for that call alone), wait
    // and poll holds one 'abort' listener here until it ends; load, benchmark and parallel sessions share
    // this signal, so more than Node's warning threshold of 10 may be in flight at once.
    setMaxListeners(0, this.controller.signal);
  }

  async play(plan: JourneyPlan): Promise<void> {
    this.plan = plan;
    const deadline = new JourneyDeadline(this.deps.testInfo, this.deps.startedAt ?? performance.now(), plan.location);
    this.deadline = deadline;
    deadline.arm((error) => { this.controller.abort(error); });
    const interrupted = new Error('the run was stopped');
    const interruption = new Promise<never>((_resolve, reject) => {
      this.stopListening = onInterrupt(() => {
        this.controller.abort(interrupted);
        reject(interrupted);
        return this.teardownBegun.promise;
      });
    });
    // Also heard after the body has ended (during teardown), when nothing awaits it any more.
    interruption.catch(() => undefined);
    await identifyJourney(plan);
    const scope = new Scope({ ...this.deps.builtins, runId: this.runId });
    for (const [name, value] of Object.entries(plan.vars)) {
      scope.save(name, { value: scope.render(value), provenance: { origin: 'vars', location: plan.location } });
    }
    try {
      // When the time is up the body is left behind (its in-flight step is aborted) and teardown runs here,
      // inside the test, where Playwright still reports steps.
      await Promise.race([this.body(plan, scope), deadline.expired(), interruption]);
    } catch (e) {
      // Teardown failures are reported on the test, but never replace the failure that came first.
      await this.teardown();
      const timedOut = deadline.timedOut();
      if (timedOut !== undefined && e === timedOut) throw maskError(deadline.endWith(timedOut));
      if (timedOut) this.deps.testInfo.annotations.push({ type: 'teardown failure', description: 'the teardown ran past the journey timeout' });
      // Playwright ends the test as interrupted once the teardown step is open (interrupts.ts), leaving this
      // body behind: wait for that, as a quick teardown can finish first. Should it not come, fail.
      if (e === interrupted) {
        await sleep(INTERRUPT_GRACE_MS, undefined, { signal: this.ended.signal }).catch(() => undefined);
        throw e;
      }
      // Aborted because the test already ended (the runner stopped it): Playwright has reported that.
      if (this.controller.signal.aborted && !timedOut) return;
      throw maskError(e);
    }
    const teardownError = await this.teardown();
    // The journey passed but its teardown ran past the journey's time.
    const overran = deadline.timedOut();
    if (overran) throw maskError(deadline.endWith(overran));
    if (teardownError) throw maskError(teardownError);
  }

  private async body(plan: JourneyPlan, scope: Scope): Promise<void> {
    const options: SessionOptions = { ...sessionOptions(plan.session, this.deps.builtins.env, scope.render), ...(this.deadline ? { watch: this.deadline.watch } : {}) };
    const session = await this.connect(plan, options);
    this.ctx = this.context(session, scope, options);
    await this.phase('Setup', plan.setup, 'setup');
    const testCtx: RunContext = { ...this.ctx, phase: 'test' };
    // A group of their own, as setup and teardown have: Playwright looks for a step's parent by walking
    // every step of the test when none encloses it, which made a long journey's steps cost more and more.
    await test.step('Test steps', () => masking(() => playTestSteps(plan, testCtx)), plan.test.location ? { location: plan.test.location } : {});
    await runAssertions(plan.assertions, testCtx);
  }

  /** Called by the fixture after the test body, however it ended. Never throws. */
  async finish(): Promise<void> {
    this.deadline?.disarm();
    this.stopListening?.();
    this.ended.abort();
    this.controller.abort(new Error('the test ended'));
    await this.teardown();
    this.finished = true;
    await Promise.allSettled(this.sessions.map((s) => s.close()));
    await Promise.allSettled(this.cleanups.splice(0).reverse().map((cleanup) => cleanup()));
    const variables = Object.fromEntries((this.ctx?.scope.entries() ?? []).map(([k, v]) => [k, v]));
    const body = maskedJson({ testId: this.plan?.testId, runId: this.runId, steps: this.records, variables });
    await this.deps.testInfo.attach('mcp-journeys', { body, contentType: 'application/json' }).catch(() => undefined);
    if (this.plan) await reportJourney(this.plan, this.records, this.deps.testInfo, this.startedAt, this.deps.outputs.runRecordsDir);
  }

  /** Within the journey's timeout, as everything the journey waits for: a server that never answers
   * `initialize` is a journey that cannot finish in time. */
  private async connect(plan: JourneyPlan, options: SessionOptions): Promise<McpSession> {
    const title = `connect ${plan.servers.join(', ')}`;
    const leave = this.deadline?.enter({ title, location: plan.location });
    try {
      return await test.step(title, () => masking(() => this.open(plan.servers, options)), { location: plan.location });
    } finally {
      leave?.();
    }
  }

  private async open(servers: string[], options: SessionOptions): Promise<McpSession> {
    const session = await this.deps.openSession(servers, options, this.plan ? faultedServers(this.plan) : new Set());
    // Opened by a body the journey's timeout left behind, after the test ended: nobody else will close it.
    if (this.finished) {
      await session.close();
      throw new Error('the test ended while the session was opening');
    }
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
      ...(plan && this.deps.sessionConfig ? { sessionConfig: this.deps.sessionConfig(faultedServers(plan)) } : {}),
      openSessions: (count) => Promise.all(Array.from({ length: count }, () => this.open(plan?.servers ?? [], options))),
      ...(plan ? { perf: createPerfHost(plan, this.deps.testInfo, () => this.deps.serverPids?.() ?? {}) } : {}),
      runStep: (step, inner, next) => this.runTracked(step, inner, next),
      lookahead: new CallLookahead(),
      timeline: new StepTimeline(),
      warn: (description) => { this.deps.testInfo.annotations.push({ type: 'warning', description }); },
      baseUrl: (server) => this.deps.baseUrl?.(server),
      defer: (cleanup) => { this.cleanups.push(cleanup); },
      faults: this.deps.stack?.faults,
      servers: this.deps.stack?.servers,
      ...(plan ? { snapshots: { journeyFile: plan.relativeFile, runId: this.runId } } : {}),
    };
  }

  private async phase(title: string, phase: PhasePlan, name: Phase, ctx = this.ctx): Promise<void> {
    if (!ctx || phase.steps.length === 0) return;
    const inPhase: RunContext = { ...ctx, phase: name };
    await test.step(title, async () => {
      for (const [i, step] of phase.steps.entries()) await inPhase.runStep(step, inPhase, phase.steps[i + 1]);
    }, phase.location ? { location: phase.location } : {});
  }

  /** Every step, at any depth: the journey's timeout names the innermost one running. */
  private async runTracked(step: StepPlan, ctx: RunContext, next?: StepPlan): Promise<void> {
    // The body left behind after the journey's timeout starts nothing more; teardown steps still run.
    const timedOut = this.deadline?.timedOut();
    if (timedOut && ctx.phase !== 'teardown') throw timedOut;
    const leave = this.deadline?.enter(step);
    try {
      await runStep(step, ctx, next);
    } finally {
      leave?.();
    }
  }

  /** Runs once; every teardown step is tried even when an earlier one fails. Resolves to the first error. */
  private teardown(): Promise<Error | undefined> {
    this.teardownRun ??= this.runTeardown().finally(() => { this.teardownBegun.resolve(); });
    return this.teardownRun;
  }

  /** A step of the teardown: the first one's start is what a stop of the run waits for (interrupts.ts). */
  private teardownStep<T>(title: string, body: () => Promise<T>, location: { location?: StepPlan['location'] } = {}): Promise<T> {
    return test.step(title, () => {
      this.teardownBegun.resolve();
      return body();
    }, location);
  }

  private async runTeardown(): Promise<Error | undefined> {
    const plan = this.plan;
    if (this.deps.stack?.stopping()) {
      // Interrupted (Ctrl-C): the stack is going away, so teardown steps could only wait on dead servers.
      await this.skipTeardown('the run was interrupted and the stack is stopping');
      return undefined;
    }
    const restored = await this.restoreStack();
    if (!plan || plan.teardown.steps.length === 0) return restored;
    if (!this.ctx) {
      await this.skipTeardown('the journey ended before its session was open');
      return restored;
    }
    const ctx: RunContext = { ...this.ctx, phase: 'teardown', signal: new AbortController().signal };
    let first: Error | undefined;
    try {
      await this.teardownStep('Teardown', async () => {
        for (const step of plan.teardown.steps) {
          await ctx.runStep(step, ctx).catch((e: unknown) => { first ??= asError(e); });
        }
        if (first !== undefined) throw first;
      }, plan.teardown.location ? { location: plan.teardown.location } : {});
    } catch (e) {
      first ??= asError(e);
      this.deps.testInfo.annotations.push({ type: 'teardown failure', description: first.message.split('\n')[0] ?? '' });
    }
    return restored ?? first;
  }

  /** Teardown steps that cannot run still show, as skipped, with the reason on the test. */
  private async skipTeardown(reason: string): Promise<void> {
    const teardown = this.plan?.teardown;
    if (!teardown || teardown.steps.length === 0) return;
    this.deps.testInfo.annotations.push({ type: 'warning', description: `teardown steps skipped: ${reason}` });
    await this.teardownStep('Teardown', async () => {
      for (const step of teardown.steps) await test.step.skip(step.title, () => undefined, { location: step.location });
    }, teardown.location ? { location: teardown.location } : {});
  }

  /** Faults lifted (newest first) and stopped servers started, before the teardown steps that need them. */
  private async restoreStack(): Promise<Error | undefined> {
    const stack = this.deps.stack;
    if (!stack?.dirty()) return undefined;
    try {
      await this.teardownStep('Restore the stack: faults cleared, servers up', () => masking(() => stack.reset()));
      return undefined;
    } catch (e) {
      const error = asError(e);
      this.deps.testInfo.annotations.push({ type: 'teardown failure', description: error.message.split('\n')[0] ?? '' });
      return error;
    }
  }
}
