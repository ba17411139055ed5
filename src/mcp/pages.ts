// Every MCP list is paged: a result with `nextCursor` has more. Claude Code reads a list to its end, so
// the session does too, within a bound: a server that sends a cursor it sent before would be asked for
// ever, and one that never stops would fill memory.

/** Pages asked for at most, per list. */
export const MAX_PAGES = 100;

/** A list the server would not let end: the outcome is a protocol error saying why. */
export class PaginationError extends Error {
  override readonly name = 'PaginationError';
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}

/** Every item of a paged list, page by page from the first; `fetch(undefined)` is the first page. */
export async function allPages<T>(method: string, fetch: (cursor: string | undefined) => Promise<Page<T>>, maxPages = MAX_PAGES): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  const seen = new Map<string, number>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const result = await fetch(cursor);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (cursor === undefined) return { items, pages: page };
    const earlier = seen.get(cursor);
    if (earlier !== undefined) {
      throw new PaginationError(`${method}: page ${page} sent the cursor ${JSON.stringify(cursor)} that page ${earlier} sent (a cursor loop); ${items.length} items read`);
    }
    if (page >= maxPages) throw new PaginationError(`${method}: still more after ${maxPages} pages (${items.length} items); the session reads at most ${maxPages}`);
    seen.set(cursor, page);
  }
}
