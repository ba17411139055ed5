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
  return [...readme.matchAll(/<!-- (journeys\/\S+) -->\n```yaml\n([\s\S]*?)```/g)].map((m) => ({ path: m[1] ?? '', text: m[2] ?? '' }));
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
