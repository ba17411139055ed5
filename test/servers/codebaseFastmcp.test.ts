// The stand-in's FastMCP imitation without a server: argument checks worded as python-jsonschema words
// them, and the extension switches (a misspelt name in the environment stops start-up; in a header it is
// ignored).
import { expect, test } from '@playwright/test';
import { processExtensions, sessionExtensions } from '../../fixtures/servers/codebase-mcp/extensions.js';
import { objectSchema, optional, pythonRepr, required, validateArguments, withDefault } from '../../fixtures/servers/codebase-mcp/fastmcp/schema.js';

const schema = objectSchema({ query: required('string'), project_id: optional('string'), limit: withDefault('integer', 10), ids: { type: 'array', items: { type: 'string' } } });

test('schemas: FastMCP style, required = arguments without a default', () => {
  expect(schema.required).toEqual(['query', 'ids']);
  expect(schema.properties['project_id']).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }], default: null });
  expect(schema.properties['limit']).toEqual({ type: 'integer', default: 10 });
});

test('argument checks: the first problem, in python-jsonschema words', () => {
  expect(validateArguments(schema, { query: 'x', ids: [] })).toBeUndefined();
  expect(validateArguments(schema, { query: 'x', ids: [], project_id: null, limit: 5 })).toBeUndefined();
  expect(validateArguments(schema, { ids: [] })).toBe("'query' is a required property");
  expect(validateArguments(schema, { query: 'x', ids: [], limit: 'ten' })).toBe("'ten' is not of type 'integer'");
  expect(validateArguments(schema, { query: 'x', ids: [], limit: 2.5 })).toBe("2.5 is not of type 'integer'");
  expect(validateArguments(schema, { query: 'x', ids: [], project_id: 7 })).toBe('7 is not valid under any of the given schemas');
  expect(validateArguments(schema, { query: 'x', ids: ['a', 3] })).toBe("3 is not of type 'string'");
  expect(validateArguments(schema, { query: true, ids: [] })).toBe("True is not of type 'string'");
});

test('pythonRepr: quotes and literals as Python prints them', () => {
  expect(pythonRepr("it's")).toBe('"it\'s"');
  expect(pythonRepr('a\nb')).toBe("'a\\nb'");
  expect(pythonRepr(null)).toBe('None');
  expect(pythonRepr({ a: [1, false] })).toBe("{'a': [1, False]}");
});

test('extensions: off by default, on by environment or by one session\'s header', () => {
  expect([...processExtensions({})]).toEqual([]);
  expect([...processExtensions({ CODEBASE_MCP_EXTENSIONS: 'get_code_chunks, index_repository' })]).toEqual(['get_code_chunks', 'index_repository']);
  expect(() => processExtensions({ CODEBASE_MCP_EXTENSIONS: 'get_chunks' })).toThrow('unknown codebase-mcp extension get_chunks');
  const session = (headers: Record<string, string>) => ({ id: 's', transport: 'http' as const, state: new Map(), headers });
  expect([...sessionExtensions(session({}), new Set())]).toEqual([]);
  expect([...sessionExtensions(session({ 'x-standin-extensions': 'get_code_chunks,bogus' }), new Set())]).toEqual(['get_code_chunks']);
});
