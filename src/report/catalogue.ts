// The scenario catalogue: a project file (catalogue.yaml in the journeys directory, or wherever the
// settings say; schemas/catalogue.schema.json is its contract) listing the scenarios a QA author tags
// journeys with (`tags: [S5]`). Coverage reports every scenario without a journey. A project without
// one gets the tools and edges only.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { messageOf } from '../common/messageOf.js';

export interface Scenario {
  id: string;
  title: string;
}

export interface Catalogue {
  /** The file, as the command shows it. */
  file: string;
  scenarios: Scenario[];
}

const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/catalogue.schema.json', import.meta.url));

/** A catalogue file that cannot be used: the message names the file and every problem. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  return validator;
}

function where(pointer: string): string {
  return pointer === '' ? '(top)' : pointer.slice(1).split('/').map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

/** `shownAs`: how messages name the file. */
export function parseCatalogue(text: string, shownAs: string): Catalogue {
  const doc = parseDocument(text, { prettyErrors: false });
  const fail = (problems: string[]): never => {
    throw new CatalogueError(`${shownAs}: not a valid scenario catalogue (schemas/catalogue.schema.json):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  };
  if (doc.errors.length > 0) fail(doc.errors.map((e) => e.message.split('\n')[0] ?? 'YAML error'));
  const value: unknown = doc.toJS();
  const check = validate();
  if (!check(value)) {
    fail((check.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` "${String((e.params as { additionalProperty?: unknown }).additionalProperty)}"` : '';
      return `${where(e.instancePath)}: ${e.message ?? 'is invalid'}${extra}`;
    }));
  }
  const scenarios = (value as { scenarios: Scenario[] }).scenarios.map(({ id, title }) => ({ id, title }));
  const seen = new Map<string, number>();
  const twice: string[] = [];
  scenarios.forEach((s, i) => {
    const first = seen.get(scenarioKey(s.id));
    if (first === undefined) seen.set(scenarioKey(s.id), i);
    else twice.push(`scenarios[${i}].id: "${s.id}" is already scenarios[${first}]'s`);
  });
  if (twice.length > 0) fail(twice);
  return { file: shownAs, scenarios };
}

export function readCatalogue(file: string, shownAs: string): Catalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogueError(`${shownAs}: cannot read the scenario catalogue (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`);
  }
  return parseCatalogue(text, shownAs);
}

/** How a tag and an id are compared: no leading `@`, any case, `S05` as `S5`. */
export function scenarioKey(tagOrId: string): string {
  return tagOrId.replace(/^@/, '').toLowerCase().replace(/^s0*(\d+)$/, 's$1');
}
