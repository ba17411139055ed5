// The contract differ tells each kind of change in words.
import { expect, test } from '@playwright/test';
import { contractDiff } from '../../src/worker/expect/contractDiff.js';

const tool = (over: Record<string, unknown> = {}) => ({
  name: 'create_item', description: 'Creates an item',
  inputSchema: { type: 'object', properties: { title: { type: 'string' }, priority: { type: 'integer', minimum: 1 } }, required: ['title'] },
  annotations: { readOnlyHint: false },
  ...over,
});

test('tools added, removed, reworded; arguments added, removed, made required, retyped; annotations and output schemas', () => {
  const before = { tools: [tool(), { name: 'old', description: 'x', inputSchema: { type: 'object' } }] };
  const after = {
    tools: [
      tool({
        description: 'Creates an item in the project',
        inputSchema: { type: 'object', properties: { title: { type: 'string', maxLength: 80 }, priority: { type: 'string' }, due: { type: 'string' } }, required: ['title', 'priority'] },
        annotations: { readOnlyHint: true, destructiveHint: false },
        outputSchema: { type: 'object' },
      }),
      { name: 'fresh', description: 'y', inputSchema: { type: 'object' } },
    ],
  };
  expect(contractDiff(before, after)).toEqual([
    'tool "create_item": description reworded: "Creates an item" → "Creates an item in the project"',
    'tool "create_item": argument "title" schema $.maxLength: added 80',
    'tool "create_item": argument "priority" made required',
    'tool "create_item": argument "priority" type changed: integer → string',
    'tool "create_item": argument "priority" schema $.minimum: removed (was 1)',
    'tool "create_item": argument "due" added (optional, string)',
    'tool "create_item": outputSchema added: {"type":"object"}',
    'tool "create_item": annotation readOnlyHint changed: false → true',
    'tool "create_item": annotation destructiveHint added: false',
    'tool "old" removed',
    'tool "fresh" added',
  ]);
});

test('prompts and resources, and lists a server starts or stops offering', () => {
  const before = {
    tools: [], prompts: [{ name: 'triage', description: 'Triage', arguments: [{ name: 'item', required: false }, { name: 'gone' }] }],
    resources: [{ uri: 'a://x', name: 'x', mimeType: 'text/plain' }],
  };
  const after = {
    tools: [], prompts: [{ name: 'triage', description: 'Triage an item', arguments: [{ name: 'item', required: true }] }],
    resources: [{ uri: 'a://x', name: 'x', mimeType: 'application/json' }, { uri: 'a://y', name: 'y' }], resourceTemplates: [],
  };
  expect(contractDiff(before, after)).toEqual([
    'prompt "triage": description reworded: "Triage" → "Triage an item"',
    'prompt "triage": argument "item" made required',
    'prompt "triage": argument "gone" removed',
    'resource "a://x": mimeType changed: "text/plain" → "application/json"',
    'resource "a://y" added',
    'resourceTemplates now offered',
  ]);
  expect(contractDiff(after, { tools: [] })).toEqual(['prompts no longer offered', 'resources no longer offered', 'resourceTemplates no longer offered']);
  expect(contractDiff(after, after)).toEqual([]);
});
