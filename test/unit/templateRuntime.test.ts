import { test, expect } from '@playwright/test';
import { Scope, TemplateRuntimeError } from '../../src/worker/variables.js';
import type { Captured } from '../../src/worker/variables.js';

const location = { file: '/j/a.journey.yaml', line: 4, column: 5 };
const saved = (value: unknown, step = 'Search'): Captured => ({
  value, provenance: { origin: 'save', step, server: 'codebase-mcp', tool: 'search_code', location },
});
const scope = () => new Scope({ runId: 'r1', fixturesDir: '/repo/fixtures', env: { HOME_DIR: '/home/q', EMPTY: '' } });

test('templates render variables, env with defaults, run.id and fixtures', () => {
  const s = scope();
  s.save('hits', saved({ results: [{ chunk_id: 'c1' }], total: 1 }));
  expect(s.render({
    name: 'journey-${run.id}',
    repo: '${fixtures}/repos/auth',
    home: '${env.HOME_DIR}',
    shell: '${env.NO_SUCH_VAR:-/bin/sh}',
    ids: ['${hits.results[0].chunk_id}'],
    count: '${hits.total}',
    literal: '$${not.a.ref}',
  })).toEqual({
    name: 'journey-r1', repo: '/repo/fixtures/repos/auth', home: '/home/q', shell: '/bin/sh',
    ids: ['c1'], count: 1, literal: '${not.a.ref}',
  });
});

test('a missing variable, path or environment variable is a clear error', () => {
  const s = scope();
  s.save('p', saved({ id: 'x' }));
  expect(() => s.render('${nope}')).toThrow(new TemplateRuntimeError('${nope}: variable "nope" has no value (no earlier step saved it)'));
  expect(() => s.render('${p.name}')).toThrow(/has no name/);
  expect(() => s.render('${env.NOT_SET_ANYWHERE}')).toThrow(/environment variable NOT_SET_ANYWHERE is not set/);
});

test('captured values keep their provenance', () => {
  const s = scope();
  s.save('chunk', saved('c1'));
  expect(s.get('chunk')?.provenance).toEqual({ origin: 'save', step: 'Search', server: 'codebase-mcp', tool: 'search_code', location });
});

test('include bindings are visible inside only; saves reach the journey unless isolated', () => {
  const s = scope();
  const fragment = s.child({ name: { value: 'p1', provenance: { origin: 'with', location } } });
  expect(fragment.render('${name}')).toBe('p1');
  fragment.save('project_id', saved('id-1'));
  expect(s.get('project_id')?.value).toBe('id-1');
  expect(s.get('name')).toBeUndefined();
  const branch = s.child({}, true);
  branch.save('mine', saved(1));
  expect(branch.get('mine')?.value).toBe(1);
  expect(s.get('mine')).toBeUndefined();
});
