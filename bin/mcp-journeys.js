#!/usr/bin/env node
// The runner ships as TypeScript sources; tsx compiles them on the fly so `npm ci` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
