// What a pattern-checked string should look like, in words, with a hint built from what was written.

export interface PatternWords {
  noun: string;
  expected: string;
  hint?: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

const BY_TITLE: Record<string, (value: unknown) => PatternWords> = {
  duration: (v) => ({
    noun: 'duration',
    expected: 'a number of milliseconds, or a number with a unit: 250ms, 2s, 1.5s, 1m, 1h',
    hint: typeof v === 'string' && /^\s*\d+(\.\d+)?\s*[a-z]+/i.test(v)
      ? `write "${durationGuess(v)}" (no space, units ms, s, m or h)`
      : 'write e.g. 500ms or 2s',
  }),
  'server name': () => ({
    noun: 'server name',
    expected: 'a server name from the MCP configuration: letters, digits, - and _',
    hint: 'use the name under "mcpServers" in .mcp.json, e.g. codebase-mcp',
  }),
  'variable name': (v) => ({
    noun: 'valid variable name',
    expected: 'letters, digits and _, not starting with a digit; env, run and fixtures are reserved',
    hint: typeof v === 'string' && ['env', 'run', 'fixtures'].includes(v) ? `"${v}" is a built-in: choose another name` : `for example: ${text(v).replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')}`,
  }),
  JSONPath: (v) => ({
    noun: 'JSONPath',
    expected: 'a JSONPath starting with $, e.g. $.results[0].chunk_id',
    hint: `write "${jsonPathGuess(text(v))}"`,
  }),
  'snapshot name': (v) => ({
    noun: 'valid snapshot name',
    expected: 'a file name without .json: letters, digits, ., _ and -, starting with a letter or digit',
    hint: `it is stored next to the journey as <journey file>-snapshots/<name>.json; for example: ${text(v).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'search-results'}`,
  }),
  'tool name': (v) => ({
    noun: 'tool name',
    expected: 'server.tool or mcp__server__tool',
    hint: typeof v === 'string' && /^[\w-]+\/[\w.-]+$/.test(v) ? `write "${v.replace('/', '.')}"` : 'write e.g. codebase-mcp.search_code',
  }),
};

const BY_PATTERN: [string, PatternWords][] = [
  ['^/', { noun: 'path', expected: 'a path starting with /', hint: 'write e.g. /health' }],
  ['\\.ya?ml$', { noun: 'fragment path', expected: 'a path to a .yaml fragment, relative to this file', hint: 'write e.g. _shared/create-project.yaml' }],
  ['(\\.db)?$', { noun: 'fault target', expected: 'a server name, or <server>.db for its database link', hint: 'write e.g. codebase-mcp or codebase-mcp.db' }],
  ['^@?', { noun: 'tag', expected: 'a word such as smoke or @cross-server (no spaces)', hint: 'use - or _ instead of spaces' }],
];

export function patternWords(title: string, value: unknown, pattern = ''): PatternWords {
  const byTitle = BY_TITLE[title];
  if (byTitle) return byTitle(value);
  const byPattern = BY_PATTERN.find(([p]) => pattern.includes(p));
  if (byPattern) return byPattern[1];
  return { noun: `valid ${title}`, expected: `text matching ${pattern}` };
}

function durationGuess(value: string): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)/i.exec(value);
  if (!m) return '500ms';
  const unit = (m[2] ?? '').toLowerCase();
  const short = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit.startsWith('h') ? 'h' : unit.startsWith('mi') || unit === 'm' ? 'm' : 's';
  return `${m[1] ?? ''}${short}`;
}

function jsonPathGuess(value: string): string {
  if (value.startsWith('.') || value.startsWith('[')) return `$${value}`;
  return `$.${value}`;
}
