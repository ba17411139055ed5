// `npm run <script>` puts node_modules/.bin on PATH but not the package's own bin (npm links that only
// for dependents), so a script that calls `mcp-journeys` fails on a fresh clone. Every command a script
// starts must be node, npm, or a binary a dependency installs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

test('every package script starts commands that exist on a fresh clone', () => {
  const missing: string[] = [];
  for (const [name, script] of Object.entries(pkg.scripts)) {
    for (const part of script.split(/&&|\|\||;/)) {
      const command = part.trim().split(/\s+/)[0] ?? '';
      if (['node', 'npm', 'npx'].includes(command)) continue;
      if (!existsSync(join(root, 'node_modules', '.bin', command))) missing.push(`${name}: ${command}`);
    }
  }
  expect(missing).toEqual([]);
});
