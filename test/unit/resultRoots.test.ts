// `$` is a step's value, `$raw` its raw result: both are JSONPath roots for expect, save and eventually.
import { expect, test } from '@playwright/test';
import { checkJsonPath, isMultiValued, queryResult } from '../../src/common/jsonPath.js';

const result = { value: { count: 3 }, raw: { content: [{ type: 'text', text: '{"count":3}' }, { type: 'image', mimeType: 'image/png' }], structuredContent: { count: 3 } } };

test('$raw paths select in the raw result, $ paths in the value', () => {
  expect(queryResult(result, '$raw.content[1].mimeType')).toEqual(['image/png']);
  expect(queryResult(result, '$raw.content[*].type')).toEqual(['text', 'image']);
  expect(queryResult(result, '$raw')).toEqual([result.raw]);
  expect(queryResult(result, '$.count')).toEqual([3]);
  expect(queryResult(result, '$.content')).toEqual([]);
  expect(isMultiValued('$raw.content[*].type')).toBe(true);
  expect(isMultiValued('$raw.content[0]')).toBe(false);
});

test('a step without a raw result (sql, http) has its value under $raw too', () => {
  expect(queryResult({ value: { rows: [1] } }, '$raw.rows[0]')).toEqual([1]);
});

test('a broken $raw path is reported at its own offset; a root that is neither is not valid (probe)', () => {
  expect(checkJsonPath('$raw.content[1].mimeType')).toBeUndefined();
  expect(checkJsonPath('$raw.content[')?.offset).toBeGreaterThanOrEqual('$raw.content'.length);
  expect(checkJsonPath('$rawx.content')).toBeDefined();
  expect(checkJsonPath('$result.x')).toBeDefined();
});
