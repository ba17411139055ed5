// `file: { path, write | append | delete }` — changes a file of a scratch repository, e.g. so that its
// indexed chunks go stale. Refuses any path outside a scratch repository: fixtures and the user's own
// files are never touched.
import { realpathSync } from 'node:fs';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { messageOf } from '../../common/messageOf.js';
import type { FileStepPlan } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { scratchRoots } from './scratchRepo.js';

/** The real path of the deepest existing ancestor, so symlinks cannot lead out of the scratch copy. */
function realAncestor(path: string): string {
  for (let p = path; ; p = dirname(p)) {
    try {
      return resolve(realpathSync(p), relative(p, path));
    } catch {
      if (dirname(p) === p) return path;
    }
  }
}

function inside(path: string, root: string): boolean {
  const rel = relative(realpathSync(root), path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
}

export async function runFile(step: FileStepPlan, ctx: RunContext): Promise<void> {
  const path = resolve(String(ctx.scope.render(step.path)));
  const real = realAncestor(path);
  if (![...scratchRoots()].some((root) => inside(real, root))) {
    throw new JourneyStepError(
      `${step.title}: ${path} is not inside a scratch repository; file steps only change copies made by a scratch_repo step`,
      'RUNTIME', step.location,
    );
  }
  if (step.delete) {
    await rm(real).catch((e: unknown) => {
      throw new JourneyStepError(`${step.title}: cannot delete ${path}: ${messageOf(e)}`, 'RUNTIME', step.location);
    });
    return;
  }
  await mkdir(dirname(real), { recursive: true });
  if (step.write !== undefined) await writeFile(real, String(ctx.scope.render(step.write)));
  if (step.append !== undefined) await appendFile(real, String(ctx.scope.render(step.append)));
}
