// ajv errors → diagnostics an author can act on. One mistake gives one diagnostic: a step is judged by
// its own kind's schema only, `if` and `anyOf` bookkeeping is dropped, and missing keys are grouped.
import type { ErrorObject } from 'ajv';
import type { Diagnostic, Position } from '../common/diagnostic.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile, SourceRange } from '../load/loadedFile.js';
import { STEP_KINDS } from '../load/stepKinds.js';
import { describeTypes, describeValue, fieldLabel, inlineYaml, valueAt } from './describe.js';
import { patternWords } from './schemaWords.js';
import type { SchemaNode } from './schema.js';
import { closestMatch, didYouMean } from './suggest.js';
import { enclosingItems, isRecord } from './walk.js';

interface Located {
  error: ErrorObject;
  path: DocPath;
  schema: SchemaNode;
}

export function schemaDiagnostics(errors: readonly ErrorObject[], source: LoadedFile, fragment: boolean): Diagnostic[] {
  const located = errors.map((error) => ({ error, path: toPath(source.value, error.instancePath), schema: schemaOf(error) }));
  const anyOfPaths = new Set(located.filter((l) => l.error.keyword === 'anyOf').map((l) => l.error.instancePath));
  const oneOfPaths = new Set(located.filter((l) => l.error.keyword === 'oneOf').map((l) => l.error.instancePath));
  const kept = located.filter((l) => {
    if (l.error.keyword === 'if') return false;
    if (anyOfPaths.has(l.error.instancePath) && l.error.schemaPath.includes('/anyOf/')) return false;
    if (oneOfPaths.has(l.error.instancePath) && l.error.schemaPath.includes('/oneOf/')) return false;
    if (l.error.propertyName !== undefined) return false;
    return belongsToChosenKind(l, source.value, fragment);
  });
  const diagnostics: Diagnostic[] = [];
  const missing = new Map<string, Located[]>();
  for (const l of kept) {
    if (l.error.keyword === 'required') {
      const list = missing.get(l.error.instancePath) ?? [];
      list.push(l);
      missing.set(l.error.instancePath, list);
    } else {
      diagnostics.push(toDiagnostic(l, source));
    }
  }
  for (const group of missing.values()) diagnostics.push(...missingKeys(group, source));
  return diagnostics;
}

/** A step with two kind keys (or an assertion with two) is judged as the first kind only. */
function belongsToChosenKind(l: Located, root: unknown, fragment: boolean): boolean {
  for (const item of enclosingItems(root, l.path, fragment)) {
    const next = l.path[item.path.length];
    if (typeof next === 'string' && item.kinds.includes(next) && next !== item.kind) return false;
    if (l.path.length === item.path.length) {
      const titled = /^(\w+) (step|assertion)$/.exec(l.schema.title ?? '');
      if (titled && titled[1] !== item.kind) return false;
    }
  }
  return true;
}

function schemaOf(error: ErrorObject): SchemaNode {
  const schema: unknown = error.parentSchema;
  return schema !== null && typeof schema === 'object' ? (schema as SchemaNode) : {};
}

function toPath(root: unknown, pointer: string): DocPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(segment);
    node = valueAt(node, [segment]);
  }
  return path;
}

/** `in a call step`, `in expect`, `in the journey`. */
function where(schema: SchemaNode): string {
  const title = schema.title ?? 'this mapping';
  if (title === 'journey') return 'the journey';
  if (/(step|assertion|matcher|fragment)$/.test(title)) return `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;
  return title;
}

function keyRange(source: LoadedFile, path: DocPath) {
  return typeof path[path.length - 1] === 'string' ? source.keyLocate(path) ?? source.locate(path) : source.locate(path);
}

function toDiagnostic(l: Located, source: LoadedFile): Diagnostic {
  const { error, path, schema } = l;
  const value = valueAt(source.value, path);
  const label = fieldLabel(path);
  const at = source.locate(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(String(params['additionalProperty']), path, schema, source);
    case 'propertyNames': {
      const name = String(params['propertyName']);
      const inner = (schema['propertyNames'] ?? {}) as SchemaNode;
      const isJsonPath = inner.$ref === '#/$defs/jsonPath';
      const words = patternWords(isJsonPath ? 'JSONPath' : 'variable name', name);
      return diagnostic(source.file, isJsonPath ? 'JOURNEY_JSONPATH' : 'JOURNEY_SCHEMA', `"${name}" is not a ${words.noun}`, source.keyLocate([...path, name]), {
        expected: words.expected, found: JSON.stringify(name), hint: words.hint,
      });
    }
    case 'type':
      if (path.length === 0) {
        return diagnostic(source.file, 'JOURNEY_SCHEMA', 'the document must be a mapping of keys', at, {
          expected: 'test_id: …, test_name: …, description: …, servers_required: […], test_steps: […]', found: describeValue(value),
        });
      }
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" must be ${schema.title ? `a ${schema.title}` : describeTypes(params['type'])}`, at, {
        expected: schema.title ? patternWords(schema.title, value).expected : describeTypes(params['type']), found: describeValue(value), hint: exampleHint(label, schema),
      });
    case 'pattern': {
      const words = patternWords(schema.title ?? label, value, String(params['pattern']));
      const code = schema.title === 'JSONPath' ? 'JOURNEY_JSONPATH' : 'JOURNEY_SCHEMA';
      return diagnostic(source.file, code, `"${label}" is not a ${words.noun}`, at, { expected: words.expected, found: describeValue(value), hint: words.hint });
    }
    case 'format':
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" is not a UUID`, at, {
        expected: 'a UUID such as 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21', found: describeValue(value),
        hint: 'generate one with: node -e "console.log(crypto.randomUUID())"',
      });
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `invalid ${label} ${describeValue(value)}`, at, {
        expected: `one of ${allowed.join(', ')}`, found: describeValue(value),
        hint: typeof value === 'string' ? didYouMean(value, allowed) : undefined,
      });
    }
    case 'minItems':
      if (path.length === 1 && (path[0] === 'servers_required' || path[0] === 'test_steps')) return entityRule(path[0], source, at);
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" needs at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`, at, {
        found: 'an empty list', hint: exampleHint(label, schema),
      });
    case 'minProperties':
    case 'maxProperties':
      return sizeOfMapping(l, source);
    case 'uniqueItems': {
      const list: unknown[] = Array.isArray(value) ? value : [];
      const dup = list[Number(params['j'])];
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" lists ${describeValue(dup)} twice`, source.locate([...path, Number(params['i'])]) ?? at, {
        hint: 'remove the repeated item',
      });
    }
    case 'minLength':
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" must not be empty`, at, { found: '""', hint: exampleHint(label, schema) });
    case 'anyOf':
      return noKind(path, schema, value, source);
    case 'oneOf':
      return oneKeyOf(l, label, value, source, at);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than' }[error.keyword];
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" must be ${words} ${String(params['limit'])}`, at, { found: describeValue(value) });
    }
    default:
      return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" ${error.message ?? 'is invalid'}`, at, { found: describeValue(value) });
  }
}

function exampleHint(label: string, schema: SchemaNode): string | undefined {
  const example = schema.examples?.[0];
  return example === undefined ? undefined : `for example: ${label}: ${inlineYaml(example)}`;
}

function entityRule(key: 'servers_required' | 'test_steps', source: LoadedFile, at: SourceRange | Position | undefined): Diagnostic {
  if (key === 'servers_required') {
    return diagnostic(source.file, 'JOURNEY_RULE', 'servers_required must list at least one server', source.keyLocate([key]) ?? at, {
      expected: 'the MCP servers the journey talks to', found: 'no servers', hint: 'for example: servers_required: [codebase-mcp, workflow-mcp]',
    });
  }
  return diagnostic(source.file, 'JOURNEY_RULE', 'a journey needs at least one test step', source.keyLocate([key]) ?? at, {
    expected: 'one or more steps under test_steps', found: 'no steps', hint: 'for example: test_steps: [{ call: codebase-mcp.search_code, args: { query: auth } }]',
  });
}

function unknownKey(key: string, path: DocPath, schema: SchemaNode, source: LoadedFile): Diagnostic {
  const allowed = Object.keys(schema.properties ?? {});
  const owner = valueAt(source.value, path);
  const title = schema.title ?? '';
  let hint = didYouMean(key, allowed);
  if (!hint && / step$/.test(title) && isRecord(owner) && (STEP_KINDS as readonly string[]).includes(key)) {
    hint = `a step has exactly one kind; move "${key}" into a step of its own`;
  }
  hint ??= `remove it${/ step$/.test(title) ? `, or check whether a ${title} takes it` : ''}`;
  return diagnostic(source.file, 'JOURNEY_UNKNOWN_KEY', `unknown key "${key}" in ${where(schema)}`, source.keyLocate([...path, key]), {
    expected: `one of ${allowed.join(', ')}`, found: key, hint,
  });
}

function missingKeys(group: Located[], source: LoadedFile): Diagnostic[] {
  const first = group[0] as Located;
  const path = first.path;
  const properties = first.schema.properties ?? {};
  const owner = valueAt(source.value, path);
  const present = isRecord(owner) ? Object.keys(owner) : [];
  // A key that is missing because it is misspelt is reported once, as the unknown key.
  const misspelt = new Set(present.filter((k) => !(k in properties)).map((k) => closestMatch(k, Object.keys(properties))));
  const names = group.map((l) => String((l.error.params as Record<string, unknown>)['missingProperty'])).filter((n) => !misspelt.has(n));
  const out: Diagnostic[] = [];
  if (path.length === 0) {
    for (const rule of ['servers_required', 'test_steps'] as const) {
      if (names.includes(rule)) out.push(entityRule(rule, source, source.locate([])));
    }
  }
  const rest = path.length === 0 ? names.filter((n) => n !== 'servers_required' && n !== 'test_steps') : names;
  if (rest.length === 0) return out;
  const quoted = rest.map((n) => `"${n}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
  const example = rest.map((n) => `${n}: ${inlineYaml(properties[n]?.examples?.[0] ?? '…')}`).join(', ');
  const at = path.length === 0 ? source.locate([])?.start : keyRange(source, path);
  out.push(diagnostic(source.file, 'JOURNEY_SCHEMA', `missing key${rest.length > 1 ? 's' : ''} ${list} in ${where(first.schema)}`, at, {
    expected: rest.map((n) => `${n}: ${properties[n]?.description?.replace(/\.$/, '') ?? 'required'}`).join('; '),
    found: present.length > 0 ? `keys ${present.join(', ')}` : 'no keys',
    hint: `add ${example}`,
  }));
  return out;
}

function sizeOfMapping(l: Located, source: LoadedFile): Diagnostic {
  const label = fieldLabel(l.path);
  const at = keyRange(source, l.path);
  const title = l.schema.title ?? '';
  const keys = Object.keys(l.schema.properties ?? {});
  if (l.error.keyword === 'maxProperties') {
    return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" takes one key only`, at, { expected: `one of ${keys.join(', ')}`, found: describeValue(valueAt(source.value, l.path)) });
  }
  const needs: Record<string, string> = {
    'that assertion': 'a that assertion needs a matcher next to "that"',
    'latency assertion': 'a latency assertion needs max_ms or p95_ms',
    file: 'a file step needs write, append or delete',
  };
  const message = needs[title] ?? `"${label}" must not be empty`;
  const choices = title === 'that assertion' ? keys.filter((k) => k !== 'that') : title === 'file' ? ['write', 'append', 'delete'] : keys;
  return diagnostic(source.file, 'JOURNEY_SCHEMA', message, at, { expected: `one of ${choices.join(', ')}`, found: 'nothing' });
}

/** `oneOf: [{ required: [a] }, { required: [b] }]`: exactly one of the keys a, b. */
function oneKeyOf(l: Located, label: string, value: unknown, source: LoadedFile, at: SourceRange | Position | undefined): Diagnostic {
  const branches = Array.isArray(l.schema['oneOf']) ? (l.schema['oneOf'] as SchemaNode[]) : [];
  const keys = branches.flatMap((b) => (Array.isArray(b['required']) && b['required'].length === 1 ? (b['required'] as string[]) : []));
  if (keys.length !== branches.length) return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" ${l.error.message ?? 'is invalid'}`, at, { found: describeValue(value) });
  const present = isRecord(value) ? keys.filter((k) => k in value) : [];
  const choice = keys.join(' or ');
  if (present.length === 0) {
    return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" needs ${choice}`, at, {
      expected: `one of ${keys.join(', ')}`, found: isRecord(value) ? `keys ${Object.keys(value).join(', ')}` : describeValue(value), hint: `add ${keys.map((k) => `${k}: "…"`).join(' or ')}`,
    });
  }
  return diagnostic(source.file, 'JOURNEY_SCHEMA', `"${label}" takes ${choice}, not both`, source.keyLocate([...l.path, present[1] ?? '']) ?? at, {
    expected: `one of ${keys.join(', ')}`, found: `${present.join(' and ')}`, hint: `keep one of ${present.join(', ')}`,
  });
}

function noKind(path: DocPath, schema: SchemaNode, value: unknown, source: LoadedFile): Diagnostic {
  const kinds = Object.keys(schema.properties ?? {});
  const keys = isRecord(value) ? Object.keys(value) : [];
  const typo = keys.map((k) => ({ k, near: closestMatch(k, kinds) })).find((x) => x.near !== undefined);
  const what = schema.title ?? 'item';
  const at = typo ? source.keyLocate([...path, typo.k]) : source.locate(path);
  return diagnostic(source.file, 'JOURNEY_SCHEMA', `${what === 'step' ? 'a step' : 'an assertion'} needs one of ${kinds.join(', ')}`, at, {
    expected: `one of ${kinds.join(', ')}`, found: keys.length > 0 ? `keys ${keys.join(', ')}` : 'no keys',
    hint: typo ? `did you mean "${typo.near ?? ''}" instead of "${typo.k}"?` : `say what the ${what} does, e.g. ${what === 'step' ? 'call: codebase-mcp.search_code' : 'latency: { step: <name>, max_ms: 500 }'}`,
  });
}
