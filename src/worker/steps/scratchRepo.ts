// `scratch_repo: { from, save_as }` — a private copy of fixtures/repos/<from> that a journey may change
// (file steps) without touching the fixture or another journey. Removed when the test ends, on exit if
// the worker dies first, and by the next run if the worker was killed (its folder names its pid).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScratchRepoStepPlan } from '../../compile/plan.js';
import { createOwnedDir } from '../../process/ownedDirs.js';
import type { RunContext } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';

/** Temp roots of the scratch repositories alive in this process (file steps may write only there). */
const live = new Set<string>();
process.once('exit', () => { for (const dir of live) rmSync(dir, { recursive: true, force: true }); });

export function scratchRoots(): ReadonlySet<string> {
  return live;
}

export async function runScratchRepo(step: ScratchRepoStepPlan, ctx: RunContext): Promise<void> {
  const repos = join(ctx.scope.builtins.fixturesDir, 'repos');
  const source = resolve(repos, step.from);
  if (!existsSync(source)) {
    const have = existsSync(repos) ? readdirSync(repos).join(', ') : 'none';
    throw new JourneyStepError(`${step.title}: no fixture repository "${step.from}" in ${repos} (available: ${have})`, 'RUNTIME', step.location);
  }
  const root = await createOwnedDir('scratch');
  live.add(root);
  ctx.defer(async () => {
    await rm(root, { recursive: true, force: true });
    live.delete(root);
  });
  const copy = join(root, step.from);
  await cp(source, copy, { recursive: true });
  ctx.scope.save(step.saveAs, { value: copy, provenance: { origin: 'save', step: step.title, location: step.saveLocation } });
}
