// Golden messages of the file-descriptor guard (src/worker/perf/limits.ts) and of a connection refused a
// descriptor (src/process/descriptors.ts), for fixed limits: what a user whose load does not fit reads.
// UPDATE_GOLDEN=1 rewrites the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { exhaustionMessage } from '../../src/process/descriptors.js';
import { descriptorShortfall } from '../../src/worker/perf/limits.js';

const GOLDEN = fileURLToPath(new URL('./descriptors/messages.txt', import.meta.url));

test('the guard and the connect error say how many descriptors, the limit and how to raise it', () => {
  const cases: [string, string | undefined][] = [
    ['1000 sessions, two HTTP servers, soft 1024 of hard 524288', descriptorShortfall(1000, ['http', 'sse'], { soft: 1024, hard: 524288, open: 25 })],
    ['50 sessions, one HTTP server, soft and hard 64', descriptorShortfall(50, ['http'], { soft: 64, hard: 64, open: 18 })],
    ['200 sessions, one stdio server, hard unlimited', descriptorShortfall(200, ['stdio'], { soft: 256, hard: undefined, open: 12 })],
    ['EMFILE connecting, limit known', exhaustionMessage('EMFILE', { soft: 1024, hard: 4096, open: 1023 }, 'codebase-mcp')],
    ['EMFILE connecting, limit unknown', exhaustionMessage('EMFILE', undefined, 'codebase-mcp')],
    ['ENFILE connecting', exhaustionMessage('ENFILE', { soft: 1024, hard: 4096, open: 300 }, 'workflow-mcp')],
    ['EMFILE on an open connection', exhaustionMessage('EMFILE', { soft: 256, hard: 256, open: 256 })],
  ];
  const text = cases.map(([name, message]) => `${name}:\n  ${message ?? '(fits)'}\n`).join('\n');
  if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
});
