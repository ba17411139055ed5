// A diagnostic is data: the CLI, the Playwright config and the golden tests all render it the same way.

/** Every code a diagnostic can carry; each has a golden case in test/golden. */
export const DIAGNOSTIC_CODES = [
  'JOURNEY_READ',
  'JOURNEY_ENCODING',
  'JOURNEY_EMPTY',
  'JOURNEY_MULTI_DOCUMENT',
  'JOURNEY_YAML_SYNTAX',
  'JOURNEY_YAML_TAB',
  'JOURNEY_YAML_INDENT',
  'JOURNEY_DUPLICATE_KEY',
  'JOURNEY_ALIAS_LIMIT',
  'JOURNEY_TOO_DEEP',
  'JOURNEY_SCHEMA',
  'JOURNEY_UNKNOWN_KEY',
  'JOURNEY_RULE',
  'JOURNEY_UNKNOWN_SERVER',
  'JOURNEY_SERVER_NOT_REQUIRED',
  'JOURNEY_MATRIX',
  'JOURNEY_UNKNOWN_TOOL',
  'JOURNEY_AMBIGUOUS_TOOL',
  'JOURNEY_SERVER_NOT_LAUNCHED',
  'JOURNEY_HTTP_STDIO',
  'JOURNEY_UNKNOWN_VARIABLE',
  'JOURNEY_DUPLICATE_TEST_ID',
  'JOURNEY_SYMLINK_LOOP',
  'JOURNEY_INCLUDE_MISSING',
  'JOURNEY_INCLUDE_CYCLE',
  'JOURNEY_INCLUDE_PARAMS',
  'JOURNEY_UNKNOWN_STEP',
  'JOURNEY_SCHEMA_LINE',
  'JOURNEY_JSONPATH',
  'JOURNEY_TEMPLATE',
  'JOURNEY_REGEX',
  'JOURNEY_LIVE_TOOL',
  'JOURNEY_LIVE_ARGS',
  'JOURNEY_LIVE_CONNECT',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  /** One line, no trailing period. */
  message: string;
  /** Path as the user would type it (relative to the working directory when possible). */
  file: string;
  start: Position;
  end?: Position;
  expected?: string;
  found?: string;
  hint?: string;
}
