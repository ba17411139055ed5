// Lists are read to their end within a bound; a cursor sent twice is a loop.
import { expect, test } from '@playwright/test';
import { allPages, PaginationError } from '../../src/mcp/pages.js';

test('pages are followed until a page has no nextCursor', async () => {
  const pages: Record<string, { items: number[]; nextCursor?: string }> = { '': { items: [1, 2], nextCursor: 'b' }, b: { items: [3], nextCursor: 'c' }, c: { items: [4] } };
  const asked: (string | undefined)[] = [];
  const all = await allPages('x/list', (cursor) => { asked.push(cursor); return Promise.resolve(pages[cursor ?? ''] ?? { items: [] }); });
  expect(all).toEqual({ items: [1, 2, 3, 4], pages: 3 });
  expect(asked).toEqual([undefined, 'b', 'c']);
});

test('a cursor sent a second time is a loop, named with both pages (probe)', async () => {
  const cursors = ['a', 'b', 'a'];
  let i = 0;
  const loop = allPages('x/list', () => Promise.resolve({ items: [i], nextCursor: cursors[i++] }));
  await expect(loop).rejects.toThrow(PaginationError);
  await expect(loop).rejects.toThrow('x/list: page 3 sent the cursor "a" that page 1 sent (a cursor loop); 3 items read');
});

test('a list that never ends stops at the bound (probe)', async () => {
  let i = 0;
  const endless = allPages('x/list', () => Promise.resolve({ items: [i], nextCursor: `c${i++}` }), 5);
  await expect(endless).rejects.toThrow('x/list: still more after 5 pages (5 items); the session reads at most 5');
  expect(i).toBe(5);
});
