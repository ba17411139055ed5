// Checks that must run on raw text, before the YAML parser sees it, plus hints for its error codes.
import type { ErrorCode } from 'yaml';

/**
 * Offset of the bracket where flow nesting passes `limit`, if it does. The parser itself exhausts memory
 * on tens of thousands of open brackets, so this cheap scan (quotes and comments skipped) guards it.
 */
export function flowDepthOverflow(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  MISSING_CHAR: 'a quote or bracket opened earlier is never closed',
  BAD_INDENT: 'check the indentation: nested keys go deeper than their parent, siblings line up',
  BLOCK_AS_IMPLICIT_KEY: 'a key must fit on one line; is a colon or a dash missing above?',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing, or should the value be quoted?',
  UNEXPECTED_TOKEN: 'quote values that contain ": ", " #", or start with [, {, *, &, ! or -',
  BAD_SCALAR_START: 'quote values that start with @ or `',
  BAD_DQ_ESCAPE: 'inside double quotes, write a backslash as \\\\ (or use single quotes)',
};

/** `line` is the source line the error points at. */
export function syntaxHint(code: ErrorCode, line: string): string {
  // `key: text: more` reads as a mapping nested in a value, the commonest YAML mistake in prose values.
  const colonInValue = (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') && /^\s*(- )?[\w-]+: [^"'{[].*: /.test(line);
  const hint = colonInValue ? 'quote the value: a ": " inside it starts a nested mapping' : (HINTS[code] ?? 'fix the YAML here');
  return `${hint}; the journey is checked further once it parses`;
}
