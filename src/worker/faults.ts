// The faults of one journey: applied through Toxiproxy, lifted when their scope ends (steps counted in
// the sequence that declared them, a named step, a duration, a `clear`), and always all lifted, in
// reverse order, before teardown. The last sweep also removes anything else left on the stack's proxies.
import type { FaultClient } from '../faults/client.js';
import type { FaultRequest } from '../compile/plan.js';

export interface ActiveFault {
  id: number;
  request: FaultRequest;
  proxy: string;
  toxicNames: string[];
  /** The sequence (a run context) whose following steps the scope counts. */
  owner: object;
  /** The declaring step's own completion is not one of the steps it covers. */
  armed: boolean;
  remaining: number;
  timer?: NodeJS.Timeout;
}

export class UnknownFaultTarget extends Error {
  override readonly name = 'UnknownFaultTarget';
}

export class JourneyFaults {
  private readonly active: ActiveFault[] = [];
  private next = 1;
  /** A duration-scoped fault that could not be lifted on its timer: reported at the next step. */
  private deferred: Error | undefined;

  constructor(private readonly client: FaultClient, private readonly proxies: Readonly<Record<string, string | undefined>>) {}

  get url(): string {
    return this.client.url;
  }

  private proxyFor(target: string): string {
    const proxy = this.proxies[target];
    if (proxy) return proxy;
    const known = Object.keys(this.proxies).filter((k) => this.proxies[k]).join(', ') || 'none';
    throw new UnknownFaultTarget(`no link named '${target}' in this stack (links: ${known}); the runner puts one in front of every server it launches, every stdio server and every plain-http server on this machine`);
  }

  async add(request: FaultRequest, owner: object): Promise<ActiveFault> {
    const proxy = this.proxyFor(request.target);
    const id = this.next++;
    const fault: ActiveFault = { id, request, proxy, toxicNames: [], owner, armed: false, remaining: request.scope.kind === 'steps' ? request.scope.count : 0 };
    this.active.push(fault);
    if (request.down) await this.client.setEnabled(proxy, false);
    for (const toxic of request.toxics) {
      const added = await this.client.addToxic(proxy, { ...toxic, name: `journey_${id}_${toxic.type}_${toxic.stream ?? 'downstream'}` });
      fault.toxicNames.push(added.name);
    }
    if (request.durationMs !== undefined) {
      fault.timer = setTimeout(() => void this.lift(fault).catch((e: unknown) => { this.deferred ??= asError(e); }), request.durationMs);
    }
    return fault;
  }

  /** Labels of the faults in force now, oldest first. */
  labels(): string[] {
    return this.active.map((f) => f.request.label);
  }

  /** Latency the toxics on a server's client link add to one round trip (each direction counts once). */
  injectedMs(server: string): number {
    return this.active
      .filter((f) => f.request.target === server)
      .flatMap((f) => f.request.toxics)
      .filter((t) => t.type === 'latency')
      .reduce((sum, t) => sum + (t.attributes?.['latency'] ?? 0), 0);
  }

  /** Lifts the faults on the given targets (newest first); returns what was lifted. */
  async clear(targets: string[] | 'all'): Promise<string[]> {
    const chosen = this.active.filter((f) => targets === 'all' || targets.includes(f.request.target)).reverse();
    for (const fault of chosen) await this.lift(fault);
    return chosen.map((f) => f.request.label);
  }

  /** `scope: { until: <step> }` ends just before that step. */
  async beforeStep(title: string): Promise<void> {
    this.rethrowDeferred();
    for (const fault of this.active.filter((f) => f.request.scope.kind === 'until' && f.request.scope.step === title).reverse()) {
      await this.lift(fault);
    }
  }

  /** A step of `owner`'s sequence finished: count it against `{ steps: n }` / `next` scopes. */
  async afterStep(owner: object): Promise<void> {
    const ended: ActiveFault[] = [];
    for (const fault of this.active) {
      if (fault.owner !== owner || fault.request.scope.kind !== 'steps') continue;
      if (!fault.armed) fault.armed = true;
      else if (--fault.remaining <= 0) ended.push(fault);
    }
    for (const fault of ended.reverse()) await this.lift(fault);
    this.rethrowDeferred();
  }

  /** Every fault lifted (reverse order), then the proxies swept clean. Tries everything; throws the first error. */
  async clearAll(): Promise<void> {
    let first: Error | undefined = this.deferred;
    this.deferred = undefined;
    for (const fault of [...this.active].reverse()) await this.lift(fault).catch((e: unknown) => { first ??= asError(e); });
    await this.sweep().catch((e: unknown) => { first ??= asError(e); });
    if (first) throw first;
  }

  private async sweep(): Promise<void> {
    const ours = new Set(Object.values(this.proxies).filter((p): p is string => p !== undefined));
    for (const proxy of (await this.client.listProxies()).filter((p) => ours.has(p.name))) {
      for (const toxic of proxy.toxics) await this.client.removeToxic(proxy.name, toxic.name);
      if (!proxy.enabled) await this.client.setEnabled(proxy.name, true);
    }
  }

  private async lift(fault: ActiveFault): Promise<void> {
    const at = this.active.indexOf(fault);
    if (at < 0) return;
    this.active.splice(at, 1);
    clearTimeout(fault.timer);
    for (const name of [...fault.toxicNames].reverse()) await this.client.removeToxic(fault.proxy, name);
    const stillDown = this.active.some((f) => f.proxy === fault.proxy && f.request.down);
    if (fault.request.down && !stillDown) await this.client.setEnabled(fault.proxy, true);
  }

  private rethrowDeferred(): void {
    const error = this.deferred;
    this.deferred = undefined;
    if (error) throw error;
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
