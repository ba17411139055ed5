// Reading journey and fragment files from disk. User input never makes these throw: an unreadable file is a
// JOURNEY_READ diagnostic like any other.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../common/diagnostic.js';
import { diagnostic, positionAt } from './diagnose.js';
import type { LoadedFile } from './loadedFile.js';
import { decodeUtf8 } from './utf8.js';
import { parseYamlText } from './yamlText.js';

const JOURNEY_HINT = 'a journey starts with test_id, test_name, description, servers_required and test_steps';
const FRAGMENT_HINT = 'a fragment holds the steps to include: "steps: [ ... ]", optionally with description and params';

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const rel = relative(cwd, absPath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : absPath;
}

export function loadJourneyFile(absPath: string, displayAs?: string): LoadedFile {
  return loadYamlFile(absPath, displayAs, JOURNEY_HINT);
}

export function loadFragmentFile(absPath: string, displayAs?: string): LoadedFile {
  return loadYamlFile(absPath, displayAs, FRAGMENT_HINT);
}

/** Parses text that is already in memory (tests, editors, the benchmark). */
export function loadJourneyText(text: string, absPath: string, displayAs?: string): LoadedFile {
  return parseYamlText(text, { file: displayAs ?? displayPath(absPath), absPath, emptyHint: JOURNEY_HINT });
}

function loadYamlFile(path: string, displayAs: string | undefined, emptyHint: string): LoadedFile {
  const absPath = resolve(path);
  const file = displayAs ?? displayPath(absPath);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unknown error');
    return {
      file, absPath, text: '', value: undefined,
      diagnostics: [diagnostic(file, 'JOURNEY_READ', `cannot read the file: ${reason}`, { line: 1, column: 1 })],
      locate: () => undefined, keyLocate: () => undefined, locateInString: () => undefined,
    };
  }
  const decoded = decodeUtf8(bytes);
  const diagnostics: Diagnostic[] = [];
  if (decoded.invalidAt !== undefined) {
    const at = positionAt(decoded.text, decoded.invalidTextOffset ?? 0);
    const byte = bytes[decoded.invalidAt] ?? 0;
    diagnostics.push(diagnostic(file, 'JOURNEY_ENCODING', `invalid UTF-8 at byte ${decoded.invalidAt}`, { start: at, end: { line: at.line, column: at.column + 1 } }, {
      expected: 'UTF-8 text', found: `byte 0x${byte.toString(16).padStart(2, '0')}`,
      hint: 'save the file as UTF-8 (it looks like Latin-1 or Windows-1252); the invalid bytes show as \uFFFD',
    }));
  }
  return parseYamlText(decoded.text, { file, absPath, emptyHint, diagnostics });
}
