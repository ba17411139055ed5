// ajv's errors for a stack definition, as one line per field a user wrote wrongly: what is expected
// there and what was found, instead of one line per schema branch that did not match.
import type { ErrorObject } from 'ajv/dist/2020.js';

/** Fields whose schema is a choice: ajv reports every branch; the user needs the choices. */
const CHOICES: Record<string, string> = {
  ready: '"tcp", "file", {"http": "/path"} or {"log": "regex"}',
  database: 'true or a database name',
  postgres: '"embedded" or {"url": "postgres://…"}',
  start_timeout: 'a duration such as "30s" or 500 (ms)',
  stop_grace: 'a duration such as "10s" or 500 (ms)',
};
const SERVER_KEYS = 'command, node, args, cwd, env, port, database, ready, start_timeout, stop_grace';

const dotted = (pointer: string): string => pointer.slice(1).split('/').join('.') || '(top)';

function valueAt(doc: unknown, pointer: string): unknown {
  let at = doc;
  for (const key of pointer.split('/').slice(1)) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** The field of a choice that `pointer` lies in, e.g. /servers/x/ready/http → /servers/x/ready. */
function choiceField(pointer: string): string | undefined {
  const parts = pointer.split('/');
  for (let i = parts.length; i > 1; i--) if ((parts[i - 1] ?? '') in CHOICES) return parts.slice(0, i).join('/');
  return undefined;
}

export function schemaProblems(errors: ErrorObject[], doc: unknown): string[] {
  const out = new Set<string>();
  for (const e of errors) {
    const field = choiceField(e.instancePath);
    if (field) {
      const key = field.split('/').pop() ?? '';
      out.add(`${dotted(field)}: expected ${CHOICES[key] ?? 'another value'}, found ${JSON.stringify(valueAt(doc, field))}`);
    } else if (e.keyword === 'additionalProperties') {
      const extra = String((e.params as { additionalProperty?: unknown }).additionalProperty);
      const known = /^\/servers\/[^/]+$/.test(e.instancePath) ? SERVER_KEYS : 'postgres, servers';
      out.add(`${dotted(e.instancePath)}: unknown key "${extra}" (known: ${known})`);
    } else if (e.keyword === 'not') {
      out.add(`${dotted(e.instancePath)}: give "command" or "node", not both`);
    } else {
      out.add(`${dotted(e.instancePath)}: ${e.message ?? 'is invalid'}`);
    }
  }
  return [...out];
}
