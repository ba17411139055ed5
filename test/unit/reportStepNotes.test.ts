// A step's notes go out as annotations on its Playwright step and come back whole in the reporter.
import { test, expect } from '@playwright/test';
import { readStepNotes, StepNotes } from '../../src/report/stepNotes.js';

test('parameters and attachments survive the trip as annotations, in order, bodies untouched', () => {
  const notes = new StepNotes();
  notes.parameter('server', 'test');
  notes.parameter('budget_ms', undefined);
  notes.parameter('latency_ms', '12');
  notes.attach({ name: 'request', contentType: 'application/json', body: '{\n  "a": "x:y"\n}' });
  notes.attach({ name: 'response', contentType: 'text/plain; charset=utf-8', body: '' });
  const annotations = notes.annotations();
  expect(annotations).toHaveLength(4);
  expect(readStepNotes([{ type: 'warning', description: 'other' }, ...annotations])).toEqual({
    parameters: [{ name: 'server', value: 'test' }, { name: 'latency_ms', value: '12' }],
    attachments: [
      { name: 'request', contentType: 'application/json', body: '{\n  "a": "x:y"\n}' },
      { name: 'response', contentType: 'text/plain; charset=utf-8', body: '' },
    ],
  });
});

test('a step without notes, or with malformed ones, reads as none', () => {
  expect(readStepNotes([])).toBeUndefined();
  expect(readStepNotes(new StepNotes().annotations())).toBeUndefined();
  expect(readStepNotes([{ type: 'mcp-journeys:attachment:nocontenttype', description: 'x' }, { type: 'skip' }])).toBeUndefined();
});

test('how long before its step a request went out travels too; none, zero or nonsense is no lead', () => {
  const notes = new StepNotes();
  notes.lead(0.25);
  notes.parameter('server', 'test');
  expect(readStepNotes(notes.annotations())).toEqual({ parameters: [{ name: 'server', value: 'test' }], attachments: [], leadMs: 0.25 });
  const none = new StepNotes();
  none.lead(0);
  expect(readStepNotes(none.annotations())).toBeUndefined();
  expect(readStepNotes([{ type: 'mcp-journeys:lead-ms', description: 'soon' }])).toBeUndefined();
});
