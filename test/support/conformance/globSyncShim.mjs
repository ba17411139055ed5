// `node --import ./globSyncShim.mjs node_modules/@modelcontextprotocol/conformance/dist/index.js …`
// The conformance suite 0.1.x imports `globSync` from node:fs, which Node 22 has and Node 20 lacks, so on
// Node 20 its module does not even link. A builtin's export names are fixed when it loads, so setting
// fs.globSync is not enough: this loader hook gives the suite's own `fs` imports fsWithGlob.mjs instead.
import fs from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// Hooks run in a thread of their own, which loads this file again: only the main thread registers.
if (isMainThread && typeof fs.globSync !== 'function') register(import.meta.url);

const replacement = new URL('./fsWithGlob.mjs', import.meta.url).href;

export function resolve(specifier, context, next) {
  const fromSuite = context.parentURL?.includes('/node_modules/@modelcontextprotocol/conformance/') === true;
  if (fromSuite && (specifier === 'fs' || specifier === 'node:fs')) return { url: replacement, shortCircuit: true };
  return next(specifier, context);
}
