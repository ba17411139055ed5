// A YAML file as the loader hands it on: its value, what went wrong reading it, and where every node is.
import type { Diagnostic, Position } from '../common/diagnostic.js';

export type DocPath = readonly (string | number)[];

export interface SourceRange {
  start: Position;
  end: Position;
}

export interface LoadedFile {
  /** Path as the user would type it (relative to the working directory when inside it). */
  file: string;
  absPath: string;
  text: string;
  /** The document as plain data; undefined when the YAML could not be read into a trustworthy value. */
  value: unknown;
  /** What the loader found wrong: encoding, YAML syntax, duplicate keys, aliases, depth, emptiness. */
  diagnostics: Diagnostic[];
  /** Range of the value at a path (undefined when the path does not exist). */
  locate(path: DocPath): SourceRange | undefined;
  /** Range of the key that holds the value at a path. */
  keyLocate(path: DocPath): SourceRange | undefined;
  /** Position of the character at `offset` in the string value (or, with `key`, the key) at a path. */
  locateInString(path: DocPath, offset: number, key?: boolean): Position | undefined;
}
