// structuredContent against the tool's outputSchema, as the SDK client checks it (a tool with an
// outputSchema must return structuredContent that matches, unless it reports an error), but said as data
// naming the path that broke, so a journey sees a protocol_error it can read and expect.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction | null>();

function validatorFor(schema: object): ValidateFunction | undefined {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    // Tools declare draft-07 or 2020-12; the keywords output schemas use mean the same in both.
    const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
    try {
      validate = ajv.compile(rest);
    } catch {
      // A schema ajv cannot compile checks nothing, as a client that cannot read it would.
      validate = null;
    }
    compiled.set(schema, validate);
  }
  return validate ?? undefined;
}

/** `/items/0/id` → `$.items[0].id`, the JSONPath a journey would write. */
function jsonPathOf(pointer: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `$${parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

function describe(error: ErrorObject): string {
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  if (error.keyword === 'required') return `${jsonPathOf(error.instancePath)}: missing required property "${String(params.missingProperty)}"`;
  if (error.keyword === 'additionalProperties') return `${jsonPathOf(error.instancePath)}: unexpected property "${String(params.additionalProperty)}"`;
  return `${jsonPathOf(error.instancePath)} ${error.message ?? 'is invalid'}`;
}

/** What is wrong with a result for a tool that declares `outputSchema`; undefined when nothing is. */
export function outputSchemaProblem(tool: string, outputSchema: unknown, result: { isError?: unknown; structuredContent?: unknown }): string | undefined {
  if (outputSchema === null || typeof outputSchema !== 'object' || result.isError === true) return undefined;
  if (result.structuredContent === undefined) return `${tool} declares an outputSchema but returned no structuredContent`;
  const validate = validatorFor(outputSchema);
  if (!validate || validate(result.structuredContent)) return undefined;
  const errors = (validate.errors ?? []).map(describe);
  return `structuredContent does not match the outputSchema of ${tool}: ${errors.join('; ')}`;
}
