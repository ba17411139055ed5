// When steps started, for `wait_for`: a notification received since the step before it started counts,
// so one sent in answer to that step is never missed, however fast it came.
export class StepTimeline {
  private previous: number | undefined;
  private running: number | undefined;
  /** Arrival time of the last notification a wait_for took: each satisfies one wait_for only. */
  private taken = -Infinity;

  begin(at: number): void {
    this.previous = this.running;
    this.running = at;
  }

  /** The running step's request went out before the step began (sent ahead). */
  sentEarlier(at: number): void {
    if (this.running !== undefined && at < this.running) this.running = at;
  }

  /** Where a wait_for's window starts (performance.now()). */
  windowStart(): number {
    return this.previous ?? this.running ?? 0;
  }

  /** Whether a notification that arrived `at` is still free for a wait_for. */
  free(at: number): boolean {
    return at > this.taken;
  }

  take(at: number): void {
    this.taken = Math.max(this.taken, at);
  }
}
