// A plain call that follows a step that passed is sent as soon as that step's checks are done, while its
// report is still being written: Playwright's step end and the next step's begin then cross to the
// runner process while the server works, instead of in front of every call. Only when nothing between
// the two steps could change the call: no fault in force (lifting one waits for the step to end), not in
// teardown, no polling or benchmark, and arguments rendered from the scope the step would see itself.
import type { CallStepPlan, StepPlan } from '../compile/plan.js';
import type { Ahead, Lookahead, RunContext } from './context.js';
import { callOptions } from './steps/call.js';

export class CallLookahead implements Lookahead {
  private ahead: Ahead | undefined;
  private taken: Ahead | undefined;

  /** Sends `next`'s call now, when it is a plain call nothing in between could change. */
  start(next: StepPlan, ctx: RunContext): void {
    this.ahead = undefined;
    if (next.kind !== 'call' || next.eventually || next.benchmark || ctx.phase === 'teardown' || ctx.signal.aborted) return;
    if ((ctx.faults?.labels().length ?? 0) > 0) return;
    let args: Record<string, unknown>;
    try {
      args = ctx.scope.render(next.args) as Record<string, unknown>;
    } catch {
      return; // the step renders again and reports the error as its own
    }
    const sentAt = performance.now();
    const outcome = ctx.session.callTool(next.server, next.tool, args, callOptions(next.timeoutMs, ctx, next.cancelAfterMs));
    // Its step awaits it; should the journey end before that, a rejection must not count as unhandled.
    outcome.catch(() => undefined);
    this.ahead = { step: next, args, outcome, sentAt };
  }

  /** The call sent ahead for `step`, if any; once. */
  take(step: CallStepPlan): Ahead | undefined {
    const ahead = this.ahead;
    if (ahead?.step !== step) return undefined;
    this.ahead = undefined;
    this.taken = ahead;
    return ahead;
  }

  /** When `step`'s request went out, if it was sent ahead of the step; once. */
  sentAt(step: StepPlan): number | undefined {
    const taken = this.taken;
    if (taken?.step !== step) return undefined;
    this.taken = undefined;
    return taken.sentAt;
  }
}
