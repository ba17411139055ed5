// What the validator takes and gives. The compiler's CompileInput is satisfied by ValidatedJourney.
import type { Diagnostic } from '../common/diagnostic.js';
import type { FragmentDoc, JourneyDoc } from '../load/journey.js';
import type { LoadedFile } from '../load/loadedFile.js';

/** What validation knows of one server. */
export interface ServerFacts {
  /** Where the configuration declares them. */
  tools?: string[];
  /** The `.mcp.json` entry's type. */
  transport?: 'stdio' | 'sse' | 'http';
  /** The runner starts it (every stdio server, and http/sse servers the stack definition gives a command);
   * false when it only connects to a URL it did not start; undefined when unknown (nothing is checked). */
  launched?: boolean;
}

/** What validation knows of the servers: their names, and what the active configuration says of each. */
export interface ValidationContext {
  servers?: Record<string, ServerFacts>;
  /** Servers that only other configurations of the project define: a journey may name them, and is
   * skipped, not rejected, when the active configuration lacks them. */
  elsewhere?: Record<string, ServerFacts>;
}

export interface ValidatedFragment {
  doc: FragmentDoc;
  source: LoadedFile;
}

export interface ValidatedJourney {
  file: string;
  absPath: string;
  doc: JourneyDoc;
  source: LoadedFile;
  /** Every fragment the journey includes, directly or not, by absolute path. */
  fragments: Map<string, ValidatedFragment>;
  /** One instance of a matrix: each key's server → the server it stands for here (src/validate/matrix.ts). */
  instance?: Record<string, string>;
}

/** A journey file as read, valid or not, with the fragments it includes (by absolute path). */
export interface CheckedJourney {
  source: LoadedFile;
  fragments: ReadonlyMap<string, { source: LoadedFile }>;
}

export interface ValidationResult {
  /** The journeys without errors (in them or in the fragments they include), ready to compile. */
  journeys: ValidatedJourney[];
  /** Every journey file checked, with or without errors: checks that judge each step on its own (the
   * live ones) look at these, so one broken step does not hide the rest of its file. */
  checkedJourneys: CheckedJourney[];
  /** Sorted by file (in the order given), then line and column. */
  diagnostics: Diagnostic[];
  /** The text of every file read, by its display path, for code frames. */
  sources: Map<string, string>;
  /** How many journey files were checked. */
  checked: number;
}
