// Machine-local state of this checkout (the initdb template, server bundles, cluster records): under
// node_modules, so a fresh install or a new checkout starts clean.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/mcp-journeys');
