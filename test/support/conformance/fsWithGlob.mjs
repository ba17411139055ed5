// node:fs plus a small globSync (`*`, `?` and `**` segments, relative to `cwd`): what the conformance suite
// asks of Node 22's, to find its `**/checks.json` result files. Loaded through globSyncShim.mjs.
import fs from 'node:fs';
import { sep } from 'node:path';

export * from 'node:fs';
export default fs;

function toRegExp(pattern) {
  const parts = pattern.split('/').map((part) => (part === '**'
    ? '(?:[^/]+/)*'
    : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`));
  return new RegExp(`^${parts.join('').replace(/\/$/, '')}$`);
}

export function globSync(pattern, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  if (!fs.existsSync(cwd)) return [];
  const match = toRegExp(String(pattern));
  return fs.readdirSync(cwd, { recursive: true })
    .map((path) => String(path).split(sep).join('/'))
    .filter((path) => match.test(path));
}
