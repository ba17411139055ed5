// Roots as a journey writes them → as MCP lists them: `file://` URIs of absolute paths. A relative path is
// the runner's working directory's, as Claude Code's roots are the directories it was started in.
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RootPlan } from '../compile/plan.js';
import type { Root } from '../mcp/types.js';
import type { Render } from './expect/checks.js';

export function toRoot(plan: RootPlan, render: Render, cwd = process.cwd()): Root {
  const written = String(render(plan.path));
  const uri = written.startsWith('file://') ? written : pathToFileURL(resolve(cwd, written)).href;
  const name = plan.name === undefined ? basename(decodeURIComponent(new URL(uri).pathname)) : String(render(plan.name));
  return name === '' ? { uri } : { uri, name };
}

/** Without `session.roots`: the working directory, as Claude Code answers. */
export function defaultRoots(cwd = process.cwd()): Root[] {
  return [toRoot({ path: cwd }, (v) => v, cwd)];
}
