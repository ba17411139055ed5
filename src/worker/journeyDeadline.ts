// The journey's own timeout. Playwright's test timeout would end the test with a bare "Test timeout of
// …ms exceeded." and cut off the teardown's reporting; this one fires just before it, names what was
// running (step, server, connection attempts, whole ms), and leaves time for the teardown steps to run
// and be reported inside the test.
import type { TestInfo } from '@playwright/test';
import type { SourceLocation, StepPlan } from '../compile/plan.js';
import type { ConnectionWatch } from '../mcp/types.js';
import { JourneyStepError } from './expect/errors.js';

/** Fired this long before Playwright's own timeout (a tenth of short budgets), so the journey's wins. */
const LEAD_MS = 1000;

export class JourneyTimeoutError extends JourneyStepError {
  override name = 'JourneyTimeoutError';

  constructor(message: string, location: SourceLocation) {
    super(message, 'JOURNEY_TIMEOUT', location);
  }
}

interface Running {
  title: string;
  location: SourceLocation;
  server: string | undefined;
  startedAt: number;
  /** Connection attempts per server when the step started. */
  attemptsBefore: Map<string, number>;
}

interface ServerAttempts {
  started: number;
  inFlight: number;
  lastError?: string;
}

function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class JourneyDeadline {
  private readonly servers = new Map<string, ServerAttempts>();
  private readonly running: Running[] = [];
  private timer: NodeJS.Timeout | undefined;
  private fired: JourneyTimeoutError | undefined;
  private readonly expiry: Promise<never>;
  private expire: (error: JourneyTimeoutError) => void = () => undefined;

  readonly watch: ConnectionWatch = {
    attempt: (server) => {
      const counts = this.counts(server);
      counts.started += 1;
      counts.inFlight += 1;
      return (error) => {
        counts.inFlight -= 1;
        if (error !== undefined) counts.lastError = error;
      };
    },
  };

  /** `startedAt` (performance.now()) is when Playwright's test time started counting, as near as the fixture knows. */
  constructor(private readonly testInfo: TestInfo, private readonly startedAt: number, private readonly fallback: SourceLocation) {
    this.expiry = new Promise<never>((_resolve, reject) => {
      this.expire = reject;
    });
    this.expiry.catch(() => undefined);
  }

  /** Starts the clock; `onExpire` stops what is in flight. No clock when the test has no timeout. */
  arm(onExpire: (error: JourneyTimeoutError) => void): void {
    const budget = this.testInfo.timeout;
    if (budget <= 0) return;
    const lead = Math.min(LEAD_MS, budget / 10);
    const due = Math.max(0, this.startedAt + budget - lead - performance.now());
    this.timer = setTimeout(() => {
      const error = new JourneyTimeoutError(this.describe(budget), this.where());
      this.fired = error;
      // The teardown steps still to come get as long again as the journey had, as Playwright gives its
      // after-hooks; then the journey ends as timed out with this message, not Playwright's.
      this.testInfo.setTimeout(this.testInfo.timeout + budget);
      onExpire(error);
      this.expire(error);
    }, due);
    this.timer.unref();
  }

  /** Rejects with the timeout error when the journey's time is up; never resolves. */
  expired(): Promise<never> {
    return this.expiry;
  }

  timedOut(): JourneyTimeoutError | undefined {
    return this.fired;
  }

  /** The error the journey ends with: Playwright reports the test as timed out, with this message. */
  endWith(error: JourneyTimeoutError): JourneyTimeoutError {
    this.testInfo.status = 'timedOut';
    return error;
  }

  disarm(): void {
    clearTimeout(this.timer);
  }

  /** Marks `step` as running until the returned function is called. */
  enter(step: StepPlan | { title: string; location: SourceLocation; server?: string }): () => void {
    const server = 'server' in step && typeof step.server === 'string' ? step.server : undefined;
    const entry: Running = {
      title: step.title, location: step.location, server, startedAt: performance.now(),
      attemptsBefore: new Map([...this.servers].map(([name, counts]) => [name, counts.started])),
    };
    this.running.push(entry);
    return () => {
      const i = this.running.indexOf(entry);
      if (i >= 0) this.running.splice(i, 1);
    };
  }

  private counts(server: string): ServerAttempts {
    let counts = this.servers.get(server);
    if (!counts) {
      counts = { started: 0, inFlight: 0 };
      this.servers.set(server, counts);
    }
    return counts;
  }

  /** The innermost step still running: the last one entered. */
  private current(): Running | undefined {
    return this.running[this.running.length - 1];
  }

  private where(): SourceLocation {
    return this.current()?.location ?? this.fallback;
  }

  private describe(budget: number): string {
    const head = `Journey timeout of ${Math.round(budget)} ms exceeded`;
    const step = this.current();
    if (!step) return `${head} between steps`;
    const ran = Math.round(performance.now() - step.startedAt);
    // A step without a server of its own (connect, parallel …): the servers it was still connecting to.
    const servers = step.server !== undefined ? [step.server] : [...this.servers].filter(([, c]) => c.inFlight > 0).map(([name]) => name);
    const parts = servers.map((server) => {
      const counts = this.counts(server);
      // An attempt already under way when the step started is one the step waits on too.
      const attempts = Math.max(counts.started - (step.attemptsBefore.get(server) ?? 0), counts.inFlight > 0 ? 1 : 0);
      const state = counts.inFlight > 0 ? ', one still connecting' : '';
      if (attempts === 0) return `on server ${server}, waiting for its answer on an open connection`;
      const last = counts.lastError === undefined ? '' : ` (last error: ${oneLine(counts.lastError)})`;
      return `on server ${server} after ${plural(attempts, 'connection attempt')}${state}${last}`;
    });
    return `${head} in step "${step.title}" (running for ${ran} ms)${parts.length > 0 ? ` ${parts.join(', ')}` : ''}`;
  }
}
