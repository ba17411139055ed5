// Java .properties text, as Allure reads environment.properties: escaping on write, and a reader for
// what we wrote (merging across workers) that follows the same rules as java.util.Properties.load.

function escape(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '=' || ch === ':' || ch === '#' || ch === '!') out += `\\${ch}`;
    else if (ch === ' ' && (isKey || i === 0)) out += '\\ ';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    // Properties files are ISO-8859-1 by definition: everything else as \uXXXX (UTF-16 units).
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** `key=value` lines, keys in the given order, every special character escaped. */
export function formatProperties(entries: Record<string, string>): string {
  return Object.entries(entries).map(([k, v]) => `${escape(k, true)}=${escape(v, false)}\n`).join('');
}

const UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Logical lines: comments and blank lines dropped, backslash-newline continuations joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current: string | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^[ \t\f]+/, '');
    if (current === undefined && (line === '' || line.startsWith('#') || line.startsWith('!'))) continue;
    const trailing = /\\*$/.exec(line)?.[0].length ?? 0;
    const continued = trailing % 2 === 1;
    const body = continued ? line.slice(0, -1) : line;
    current = (current ?? '') + body;
    if (!continued) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) lines.push(current);
  return lines;
}

function unescapeAll(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : UNESCAPE[e] ?? e));
}

export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of logicalLines(text)) {
    // The key ends at the first unescaped '=', ':' or whitespace; the value after one separator.
    const match = /^((?:\\.|[^\\=:\s])*)[ \t\f]*(?:[=:][ \t\f]*)?(.*)$/s.exec(line);
    if (!match) continue;
    out[unescapeAll(match[1] ?? '')] = unescapeAll(match[2] ?? '');
  }
  return out;
}
