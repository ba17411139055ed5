// Checks on the text inside values, each pointing at the exact column: template syntax (`${…}`),
// JSONPaths (`save`, `expect.result`, `expect.snapshot`, `eventually`, `references.found`) and `matches` regular expressions.
import type { Diagnostic } from '../common/diagnostic.js';
import { checkJsonPath } from '../common/jsonPath.js';
import { messageOf } from '../common/messageOf.js';
import { parseTemplate, TemplateError } from '../common/template.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile } from '../load/loadedFile.js';
import { isRecord, walkAllSteps } from './walk.js';

export function checkStrings(source: LoadedFile, fragment: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkTemplates(source.value, [], source, out);
  walkAllSteps(source.value, fragment, (step) => {
    const save = step.doc['save'];
    if (isRecord(save)) {
      for (const [name, path] of Object.entries(save)) if (typeof path === 'string') jsonPath(path, [...step.path, 'save', name], false, source, out);
    }
    const expect = step.doc['expect'];
    if (isRecord(expect)) checkExpect(expect, [...step.path, 'expect'], source, out);
    const eventually = step.doc['eventually'];
    if (isRecord(eventually)) {
      for (const key of ['until', 'fail_if']) resultMatchers(eventually[key], [...step.path, 'eventually', key], source, out);
    }
    const references = step.doc['references'];
    if (isRecord(references) && typeof references['found'] === 'string') {
      jsonPath(references['found'], [...step.path, 'references', 'found'], false, source, out);
    }
  });
  const session = isRecord(source.value) ? source.value['session'] : undefined;
  if (!fragment && isRecord(session)) {
    for (const [list, key] of [['elicitation', 'message'], ['sampling', 'prompt']] as const) {
      const rules = session[list];
      if (Array.isArray(rules)) rules.forEach((rule, i) => { if (isRecord(rule)) matcher(rule[key], ['session', list, i, key], source, out); });
    }
  }
  if (!fragment && isRecord(source.value) && Array.isArray(source.value['assertions'])) {
    source.value['assertions'].forEach((assertion, i) => {
      if (isRecord(assertion) && 'that' in assertion) matcher(assertion, ['assertions', i], source, out);
    });
  }
  return out;
}

function checkExpect(expect: Record<string, unknown>, at: DocPath, source: LoadedFile, out: Diagnostic[]): void {
  for (const key of ['error', 'protocol_error', 'attempts', 'progress', 'logs', 'notifications']) matcher(expect[key], [...at, key], source, out);
  resultMatchers(expect['result'], [...at, 'result'], source, out);
  const snapshot = expect['snapshot'];
  if (!isRecord(snapshot)) return;
  const ignore = snapshot['ignore'];
  if (Array.isArray(ignore)) ignore.forEach((p, i) => { if (typeof p === 'string') jsonPath(p, [...at, 'snapshot', 'ignore', i], false, source, out); });
  const mask = snapshot['mask'];
  if (isRecord(mask)) for (const p of Object.keys(mask)) jsonPath(p, [...at, 'snapshot', 'mask', p], true, source, out);
}

function resultMatchers(value: unknown, at: DocPath, source: LoadedFile, out: Diagnostic[]): void {
  if (!isRecord(value)) return;
  for (const [path, m] of Object.entries(value)) {
    jsonPath(path, [...at, path], true, source, out);
    matcher(m, [...at, path], source, out);
  }
}

function matcher(value: unknown, at: DocPath, source: LoadedFile, out: Diagnostic[]): void {
  if (!isRecord(value)) return;
  const pattern = value['matches'];
  // A pattern with a template is only known at run time.
  if (typeof pattern === 'string' && !pattern.includes('${')) {
    try {
      new RegExp(pattern);
    } catch (error) {
      const reason = (messageOf(error)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
      out.push(diagnostic(source.file, 'JOURNEY_REGEX', `invalid regular expression: ${reason}`, source.locate([...at, 'matches']), {
        expected: 'a JavaScript regular expression', found: JSON.stringify(pattern),
        hint: 'escape special characters with a backslash (\\( \\[ \\. \\?); in double quotes write \\\\ for one backslash, or use single quotes',
      }));
    }
  }
  matcher(value['not'], [...at, 'not'], source, out);
}

function jsonPath(path: string, at: DocPath, isKey: boolean, source: LoadedFile, out: Diagnostic[]): void {
  // Paths not starting with `$` are the schema's to report.
  if (!path.startsWith('$')) return;
  const problem = checkJsonPath(path);
  if (!problem) return;
  const start = source.locateInString(at, problem.offset, isKey) ?? (isKey ? source.keyLocate(at) : source.locate(at))?.start;
  const end = start ? { line: start.line, column: start.column + Math.max(1, path.length - problem.offset) } : undefined;
  out.push(diagnostic(source.file, 'JOURNEY_JSONPATH', `invalid JSONPath: ${problem.message}`, start && end ? { start, end } : start, {
    expected: 'an RFC 9535 JSONPath, e.g. $.results[0].chunk_id or $.items[*].id', found: JSON.stringify(path),
    hint: jsonPathHint(path, problem.offset),
  }));
}

function jsonPathHint(path: string, offset: number): string {
  if (/\[\s*$/.test(path.slice(0, offset + 1)) || path.lastIndexOf('[') > path.lastIndexOf(']')) return 'close the bracket: $.results[0]';
  if (path.endsWith('.') || path.endsWith('..')) return 'name a member after the dot, or remove the dot';
  if (/\s/.test(path)) return 'quote names with spaces: $["my key"]';
  if (path.includes('?(')) return 'RFC 9535 filters have no parentheses around @: $.items[?@.status == "done"]';
  return 'see RFC 9535: members $.a.b, indexes $.a[0], wildcards $.a[*], filters $.a[?@.x == 1]';
}

/** Every string value in the document, keys excluded (templates in keys are not rendered). */
function checkTemplates(value: unknown, at: DocPath, source: LoadedFile, out: Diagnostic[]): void {
  if (typeof value === 'string') {
    if (!value.includes('${')) return;
    try {
      parseTemplate(value);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const start = source.locateInString(at, error.offset) ?? source.locate(at)?.start;
      const end = start ? { line: start.line, column: start.column + error.length } : undefined;
      out.push(diagnostic(source.file, 'JOURNEY_TEMPLATE', error.message, start && end ? { start, end } : start, {
        expected: '${name}, ${name.field}, ${name[0]}, ${env.NAME}, ${env.NAME:-default}, ${run.id} or ${fixtures}',
        found: JSON.stringify(value.slice(error.offset, error.offset + error.length)),
        hint: /built-in/.test(error.message) ? 'the built-ins are env.NAME, run.id and fixtures; any other name is a variable' : 'close it, or write $${ for a literal "${"',
      }));
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, i) => checkTemplates(item, [...at, i], source, out));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) checkTemplates(item, [...at, key], source, out);
}
