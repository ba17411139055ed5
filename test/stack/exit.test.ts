// A stack's owner can end without calling stop(): SIGKILL (the next stack reaps the orphans), a signal
// (cleanup runs, then the signal still ends the process), or process.exit (synchronous cleanup).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { isAlive } from '../../src/process/alive.js';
import { reapOrphanedPostgres } from '../../src/process/postgresRecords.js';
import { projectRoot } from '../../src/servers/startStack.js';
import { reapOrphanedStacks } from '../../src/process/stackDirs.js';
import { nothing, remaining, type Footprint } from './support/leftovers.js';

test.setTimeout(120_000);

async function owner(mode: 'wait' | 'exit'): Promise<{ child: ChildProcess; footprint: Footprint }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/stack/support/owner.ts'), mode], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = await once(lines, 'line') as [string];
  return { child, footprint: JSON.parse(line) as Footprint };
}

function exited(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
}

test('a SIGKILLed owner leaves orphans that the next stack reaps', async () => {
  const { child, footprint } = await owner('wait');
  child.kill('SIGKILL');
  await exited(child);
  // Nothing ran in the owner: PostgreSQL and both servers are still there.
  expect(footprint.pids.every(isAlive)).toBe(true);
  // (A stack starting in another worker may reap them first; either way the reapers did it.)
  await reapOrphanedStacks();
  await reapOrphanedPostgres();
  expect(await remaining(footprint)).toEqual(nothing);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} to the owner cleans up and still ends it by ${signal}`, async () => {
    const { child, footprint } = await owner('wait');
    child.kill(signal);
    expect(await exited(child)).toEqual([null, signal]);
    expect(await remaining(footprint)).toEqual(nothing);
  });
}

test('process.exit without stop() keeps its exit code and leaves nothing', async () => {
  const { child, footprint } = await owner('exit');
  expect(await exited(child)).toEqual([5, null]);
  expect(await remaining(footprint)).toEqual(nothing);
});
