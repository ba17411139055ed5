// The README's journey examples: each yaml block preceded by `<!-- journeys/<folder>/<file> -->`.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ReadmeExample {
  path: string;
  text: string;
}

export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- (journeys\/\S+) -->\n```(?:yaml|json)\n([\s\S]*?)```/g)].map((m) => ({ path: m[1] ?? '', text: m[2] ?? '' }));
}

/** Writes the examples under a temp root that links schemas/ like the repository does. */
export function writeExamples(examples: ReadmeExample[]): string {
  const root = mkdtempSync(join(tmpdir(), 'mcp-journeys-readme-'));
  symlinkSync(join(ROOT, 'schemas'), join(root, 'schemas'));
  for (const e of examples) {
    mkdirSync(dirname(join(root, e.path)), { recursive: true });
    writeFileSync(join(root, e.path), e.text);
  }
  return root;
}

/** The README's "In your own project" blocks, by the name in their `<!-- own project: <name> -->` marker,
 * with the list item's indentation taken off. */
export function ownProjectBlocks(): Record<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- own project: (\S+) -->\n( *)```\w*\n([\s\S]*?)\n\2```/g)];
  return Object.fromEntries(blocks.map((m) => {
    const indent = m[2] ?? '';
    const text = (m[3] ?? '').split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
    return [m[1] ?? '', `${text}\n`];
  }));
}
