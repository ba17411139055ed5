// A proxy's toxics: one ordered chain per direction, applied to new connections and pushed to live
// ones. Listed upstream first, then downstream, each in insertion order (as the real server does).
import type { ChainToxic, Link, StreamDirection } from './link.js';

export interface Toxic extends ChainToxic {
  type: string;
  /** The stream as the client spelled it (the real server keeps e.g. "UpStream" verbatim). */
  stream: string;
}

export interface ToxicView {
  attributes: Record<string, number>;
  name: string;
  type: string;
  stream: string;
  toxicity: number;
}

/** Go encodes toxicity as a float32: print the shortest decimal that reads back as the same float32. */
export function float32Shortest(value: number): number {
  const target = Math.fround(value);
  if (!Number.isFinite(target)) return target;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

export function toxicView(toxic: Toxic): ToxicView {
  return {
    attributes: { ...toxic.attributes },
    name: toxic.name,
    type: toxic.type,
    stream: toxic.stream,
    toxicity: float32Shortest(toxic.toxicity),
  };
}

export class ToxicCollection {
  private readonly chains: Record<StreamDirection, Toxic[]> = { upstream: [], downstream: [] };
  private readonly links = new Set<Link>();

  list(): Toxic[] {
    return [...this.chains.upstream, ...this.chains.downstream];
  }

  chain(direction: StreamDirection): readonly Toxic[] {
    return [...this.chains[direction]];
  }

  find(name: string): Toxic | undefined {
    return this.list().find((t) => t.name === name);
  }

  attach(link: Link): void {
    this.links.add(link);
  }

  detach(link: Link): void {
    this.links.delete(link);
  }

  add(toxic: Toxic): void {
    this.chains[toxic.direction].push(toxic);
    for (const link of this.linksOf(toxic.direction)) link.add(toxic);
  }

  async update(toxic: Toxic): Promise<void> {
    await Promise.all(this.linksOf(toxic.direction).map((link) => link.update(toxic)));
  }

  async remove(toxic: Toxic): Promise<void> {
    const chain = this.chains[toxic.direction];
    const index = chain.indexOf(toxic);
    if (index >= 0) chain.splice(index, 1);
    await Promise.all(this.linksOf(toxic.direction).map((link) => link.remove(toxic)));
  }

  async reset(): Promise<void> {
    for (const toxic of this.list()) await this.remove(toxic);
  }

  private linksOf(direction: StreamDirection): Link[] {
    return [...this.links].filter((link) => link.direction === direction);
  }
}
