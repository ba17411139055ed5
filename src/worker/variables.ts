// Journey variables and template rendering at run time. A captured value remembers where it came from
// (server, tool, step), for the report and for later reference checks.
import type { SourceLocation } from '../compile/plan.js';
import { followPath, renderDeep } from '../common/template.js';
import type { TemplateRef } from '../common/template.js';
import { addSecret, addSecretsIn, SECRET_KEY } from '../report/secrets.js';

export interface Provenance {
  /** `vars` (the journey's own), `with` (an include binding) or `save` (captured from a step). */
  origin: 'vars' | 'with' | 'save';
  step?: string;
  server?: string;
  tool?: string;
  location: SourceLocation;
}

export interface Captured {
  value: unknown;
  provenance: Provenance;
}

export class TemplateRuntimeError extends Error {
  override name = 'TemplateRuntimeError';
}

export interface Builtins {
  runId: string;
  fixturesDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Variables of the journey, with include bindings layered on top while a fragment runs. */
export class Scope {
  private readonly own = new Map<string, Captured>();

  constructor(readonly builtins: Builtins, private readonly parent?: Scope, private readonly isolated = false) {}

  /** A scope for a fragment: its bindings are visible inside only; saves still reach the journey unless
   * `isolated` (each of several parallel sessions keeps its own captures). */
  child(bindings: Record<string, Captured>, isolated = false): Scope {
    const scope = new Scope(this.builtins, this, isolated);
    for (const [name, captured] of Object.entries(bindings)) scope.own.set(name, captured);
    return scope;
  }

  get(name: string): Captured | undefined {
    return this.own.get(name) ?? this.parent?.get(name);
  }

  /** Saves go to the journey's scope, so later steps outside a fragment see them. */
  save(name: string, captured: Captured): void {
    // A value saved under a secret-looking name is a secret from now on, wherever it shows.
    if (SECRET_KEY.test(name)) addSecretsIn({ [name]: captured.value });
    if (this.parent && !this.isolated) this.parent.save(name, captured);
    else this.own.set(name, captured);
  }

  /** Every variable of the journey, for the report. */
  entries(): [string, Captured][] {
    return this.parent ? this.parent.entries() : [...this.own.entries()];
  }

  lookup = (ref: TemplateRef, source: string): unknown => {
    switch (ref.type) {
      case 'run': return this.builtins.runId;
      case 'fixtures': return this.builtins.fixturesDir;
      case 'env': {
        const value = this.builtins.env[ref.name] ?? ref.fallback;
        if (value === undefined) throw new TemplateRuntimeError(`${source}: environment variable ${ref.name} is not set (write \${env.${ref.name}:-default} for a default)`);
        if (SECRET_KEY.test(ref.name)) addSecret(value);
        return value;
      }
      case 'var': {
        const captured = this.get(ref.name);
        if (!captured) throw new TemplateRuntimeError(`${source}: variable "${ref.name}" has no value (no earlier step saved it)`);
        const value = followPath(captured.value, ref.path);
        if (value === undefined) throw new TemplateRuntimeError(`${source}: "${ref.name}" has no ${ref.path.join('.')} (value: ${JSON.stringify(captured.value)})`);
        return value;
      }
    }
  };

  render = (value: unknown): unknown => renderDeep(value, this.lookup);
}
