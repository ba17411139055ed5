// What the compiler needs from a validated journey. Declared here (compile may not import validate);
// the validator's ValidatedJourney satisfies it structurally.
import type { Position } from '../common/diagnostic.js';
import type { FragmentDoc, JourneyDoc } from '../load/journey.js';
import type { SourceLocation } from './plan.js';

export type DocPath = readonly (string | number)[];

export interface SourceRange {
  start: Position;
  end?: Position;
}

/** Where something at a path in the document is. */
export type Locate = (path: DocPath) => SourceRange | undefined;

export interface JourneySource {
  text: string;
  /** Range of the value at a path in the document. */
  locate: Locate;
  /** Range of the key that holds the value at a path. */
  keyLocate: Locate;
}

export interface CompileInput {
  /** Path as the user would type it. */
  file: string;
  absPath: string;
  doc: JourneyDoc;
  source: JourneySource;
  /** Every fragment the journey includes, directly or not, by absolute path. */
  fragments: ReadonlyMap<string, { doc: FragmentDoc; source: JourneySource }>;
  /** One instance of a matrix: each key's server → the server it stands for here. */
  instance?: Readonly<Record<string, string>>;
}

/** Turns document paths into file locations, falling back to the nearest located ancestor. */
export class Locator {
  constructor(readonly file: string, private readonly source: JourneySource) {}

  /** Where the value at `path` starts. */
  at(path: DocPath): SourceLocation {
    return this.find(path, (p) => this.source.locate(p));
  }

  /** Where the key holding `path` starts (the value's location when there is no key, e.g. a list item). */
  key(path: DocPath): SourceLocation {
    const last = path[path.length - 1];
    if (typeof last === 'number') return this.at(path);
    return this.find(path, (p) => this.source.keyLocate(p) ?? this.source.locate(p));
  }

  private find(path: DocPath, look: Locate): SourceLocation {
    for (let n = path.length; n >= 0; n--) {
      const range = safely(() => look(path.slice(0, n)));
      if (range) return { file: this.file, line: range.start.line, column: range.start.column };
    }
    return { file: this.file, line: 1, column: 1 };
  }
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
