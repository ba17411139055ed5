#!/usr/bin/env node
// A checkout runs the CLI from its TypeScript sources through tsx, so `npm ci` needs no build step; the
// packed package ships no src/, only what `prepack` compiled into dist/.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let cli;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(sources.href);
} else {
  cli = await import('../dist/cli/main.js');
}
process.exitCode = await cli.main(process.argv.slice(2));
