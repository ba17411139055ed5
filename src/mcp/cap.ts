// Claude Code's MAX_MCP_OUTPUT_TOKENS: a result above the cap is cut, never handed on whole. Sizes are
// estimated at ~4 characters per token, and only as far as needed, so a small result costs next to nothing
// and a 10 MB one is never re-serialised.

export const CHARS_PER_TOKEN = 4;

export interface Capped<T> {
  result: T;
  truncated?: { originalTokens: number; limitTokens: number };
}

interface TextItem { type?: unknown; text?: unknown; blob?: unknown }

/** Caps a tools/call result (`content[].text`, `structuredContent`) or a resources/read result (`contents[]`). */
export function capResult<T extends object>(result: T, limitTokens: number): Capped<T> {
  const record = result as Record<string, unknown>;
  const key = Array.isArray(record['content']) ? 'content' : Array.isArray(record['contents']) ? 'contents' : undefined;
  const items = key ? (record[key] as TextItem[]) : [];
  const limit = limitTokens * CHARS_PER_TOKEN;
  let textChars = 0;
  for (const item of items) textChars += itemChars(item);
  const structured = record['structuredContent'];
  const structuredChars = structured === undefined ? 0 : approxChars(structured, Math.max(limit, textChars));
  // The model sees one representation of the result, so the larger one decides.
  const chars = Math.max(textChars, structuredChars);
  if (chars <= limit) return { result };

  const originalTokens = Math.ceil((structuredChars > textChars ? approxChars(structured, Infinity) : textChars) / CHARS_PER_TOKEN);
  const cut: Record<string, unknown> = { ...record };
  if (key) cut[key] = cutItems(items, limit);
  if (structured !== undefined && structuredChars > limit) delete cut['structuredContent'];
  return { result: cut as T, truncated: { originalTokens, limitTokens } };
}

function itemChars(item: TextItem): number {
  if (typeof item.text === 'string') return item.text.length;
  if (typeof item.blob === 'string') return item.blob.length;
  return 0;
}

/** Keeps items in order until the budget is spent; the item that crosses it is cut, the rest dropped. */
function cutItems(items: TextItem[], limit: number): TextItem[] {
  const kept: TextItem[] = [];
  let left = limit;
  for (const item of items) {
    const size = itemChars(item);
    if (size <= left) {
      kept.push(item);
      left -= size;
      continue;
    }
    if (typeof item.text === 'string' && left > 0) kept.push({ ...item, text: item.text.slice(0, left) });
    break;
  }
  return kept;
}

/** Roughly the JSON length of `value`, stopping as soon as it exceeds `budget`. */
export function approxChars(value: unknown, budget: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= budget) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') total += 6;
    else if (v === null || v === undefined) total += 4;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object') {
      total += 2;
      for (const [k, item] of Object.entries(v)) {
        total += k.length + 4;
        stack.push(item);
      }
    }
  }
  return total;
}
