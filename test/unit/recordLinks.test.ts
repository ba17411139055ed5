// record's id linking (src/cli/recordLinks.ts) and its timing rules (src/cli/recordBudget.ts).
import { expect, test } from '@playwright/test';
import { latencyBudget, pollTiming } from '../../src/cli/recordBudget.js';
import { isIdLike, jsonPathOf, linkIds, nounOf } from '../../src/cli/recordLinks.js';

const CHUNK = '3f0c2a10-5d0e-4c1e-9a51-0b6f3a525d0e';
const PROJECT = '9a51e1c4-0b6f-4e1c-8a51-3f7f8f0c2a10';

test('an id a result returned and a later call sent, on another server, becomes save + ${var}', () => {
  const linked = linkIds([
    { noun: 'project', sent: { name: 'demo' }, value: { id: PROJECT, name: 'demo' } },
    { noun: 'code', sent: { query: 'auth', limit: 5 }, value: { results: [{ chunk_id: CHUNK, score: 0.9 }] } },
    { noun: 'work_item', sent: { title: 'Harden', entity_references: [CHUNK], project_id: PROJECT, note: `see ${CHUNK}` } },
  ]);
  expect(linked.saves[0]).toEqual([{ name: 'project_id', path: '$.id', step: 0 }]);
  expect(linked.saves[1]).toEqual([{ name: 'chunk_id', path: '$.results[0].chunk_id', step: 1 }]);
  expect(linked.sent[2]).toEqual({ title: 'Harden', entity_references: ['${chunk_id}'], project_id: '${project_id}', note: 'see ${chunk_id}' });
  expect(linked.uses[2]?.map((c) => c.name).sort()).toEqual(['chunk_id', 'project_id']);
  // Nothing else was captured: a name, a score and a limit are not ids.
  expect(linked.saves[2]).toEqual([]);
});

test('a value the client sent first is its own, not an id the server handed out', () => {
  const linked = linkIds([
    { noun: 'repository', sent: { repo_path: '/srv/repo1', job: 'job-00000001' }, value: { job_id: 'job-00000001', repo_path: '/srv/repo1' } },
    { noun: 'status', sent: { job_id: 'job-00000001' } },
  ]);
  expect(linked.saves[0]).toEqual([]);
  expect(linked.sent[1]).toEqual({ job_id: 'job-00000001' });
});

test('a number is linked only where the request names it as an id; literal ${ is escaped', () => {
  const linked = linkIds([
    { noun: 'item', sent: {}, value: { id: 5 } },
    { noun: 'items', sent: { limit: 5, item_id: 5, page_id: '5', text: 'costs ${price}' } },
  ]);
  expect(linked.sent[1]).toEqual({ limit: 5, item_id: '${item_id}', page_id: '5', text: 'costs $${price}' });
});

test('names: the key when it says what it is, the tool\'s noun for a bare id, numbered when taken', () => {
  const linked = linkIds([
    { noun: nounOf('create_project'), sent: {}, value: { id: 'p-0000000001' } },
    { noun: nounOf('create_project'), sent: {}, value: { id: 'p-0000000002' } },
    { noun: 'x', sent: { a: 'p-0000000001', b: 'p-0000000002' } },
  ]);
  expect(linked.saves.flat().map((c) => c.name)).toEqual(['project_id', 'project_id_2']);
  expect(nounOf('start_indexing_background')).toBe('indexing_background');
  expect(nounOf('search_code')).toBe('search_code');
});

test('what looks like an id', () => {
  expect(isIdLike('chunk_id', 'c1x')).toBe(true);
  expect(isIdLike('projectId', 'abc')).toBe(true);
  expect(isIdLike('status', 'completed')).toBe(false);
  expect(isIdLike('value', CHUNK)).toBe(true);
  expect(isIdLike('value', 'tok_8f3kq29x')).toBe(true);
  expect(isIdLike('path', '/srv/repo1/src')).toBe(false);
  expect(isIdLike('count', 3)).toBe(false);
  expect(jsonPathOf(['results', 0, 'chunk_id'])).toBe('$.results[0].chunk_id');
  expect(jsonPathOf(['a b', "it's"])).toBe("$['a b']['it\\'s']");
});

test('the latency budget is max(4 × observed, 100 ms), warning at max(2 × observed, 50 ms), up to 10 ms', () => {
  expect(latencyBudget(3)).toEqual({ max: 100, warn: 50 });
  expect(latencyBudget(24.2)).toEqual({ max: 100, warn: 50 });
  expect(latencyBudget(26)).toEqual({ max: 110, warn: 60 });
  expect(latencyBudget(250)).toEqual({ max: 1000, warn: 500 });
  expect(latencyBudget(-1)).toEqual({ max: 100, warn: 50 });
});

test('a poll keeps its interval and gets max(10 × its time, 30 s)', () => {
  expect(pollTiming([0, 100, 205, 300], 320)).toEqual({ interval: '100ms', timeout: '30s' });
  expect(pollTiming([0, 2000, 4000, 6000], 6100)).toEqual({ interval: '2000ms', timeout: '61s' });
  expect(pollTiming([0, 10], 12)).toEqual({ interval: '50ms', timeout: '30s' });
});
