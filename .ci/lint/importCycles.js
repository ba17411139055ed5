// An eslint rule that reports import cycles inside src/, type-only imports included. import-x/no-cycle
// skips `import type`, yet a type cycle still ties two units together: the house keeps none.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** @type {Map<string, string[]>} file → the src/ files it imports, read from disk once per lint run */
const diskImports = new Map();

/** @param {string} fromFile @param {string} specifier @returns {string | undefined} */
function resolveRelative(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && fs.existsSync(c));
}

/** @param {string} file @param {string} text @returns {string[]} */
function importsOf(file, text) {
  const targets = ts.preProcessFile(text, true, true).importedFiles.map((f) => resolveRelative(file, f.fileName));
  return targets.filter((t) => t !== undefined);
}

/** @param {string} file @returns {string[]} */
function diskImportsOf(file) {
  let found = diskImports.get(file);
  if (!found) {
    found = fs.existsSync(file) ? importsOf(file, fs.readFileSync(file, 'utf8')) : [];
    diskImports.set(file, found);
  }
  return found;
}

/** The shortest chain of imports from `start` back to `target`, or undefined. */
function pathBack(start, target, /** @type {(f: string) => string[]} */ next) {
  const parent = new Map([[start, '']]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const dep of next(file)) {
      if (dep === target) {
        const chain = [file];
        for (let p = parent.get(file); p; p = parent.get(p)) chain.unshift(p);
        return chain;
      }
      if (!parent.has(dep)) {
        parent.set(dep, file);
        queue.push(dep);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycles, type-only imports included' },
    schema: [],
    messages: { cycle: 'import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.filename;
    const rel = (/** @type {string} */ f) => path.relative(context.cwd, f);
    const check = (/** @type {import('estree').Node & { source?: import('estree').Literal | null }} */ node) => {
      const source = node.source;
      if (!source || typeof source.value !== 'string') return;
      const target = resolveRelative(file, source.value);
      if (!target) return;
      const chain = pathBack(target, file, (f) => (f === file ? importsOf(file, context.sourceCode.text) : diskImportsOf(f)));
      if (chain) context.report({ node: source, messageId: 'cycle', data: { chain: [file, ...chain, file].map(rel).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
