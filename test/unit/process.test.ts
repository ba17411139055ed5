// process/: tree kills and the reaping of what a killed owner left behind, on real (tiny) processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { isAlive } from '../../src/process/alive.js';
import { cacheDir } from '../../src/common/cacheDir.js';
import { createOwnedDir, reapOrphanedDirs } from '../../src/process/ownedDirs.js';
import { reapOrphanedStacks } from '../../src/process/stackDirs.js';
import { descendantsOf, killTree } from '../../src/process/tree.js';

async function gone(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 50 && pids.some(isAlive); i++) await sleep(50);
  return !pids.some(isAlive);
}

/** A shell (not a group leader) with a sleeping grandchild. */
async function shellTree(env: Record<string, string> = {}): Promise<{ shell: ChildProcess; all: number[] }> {
  const shell = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore', env: { ...process.env, ...env } });
  const pid = shell.pid ?? 0;
  let below: number[] = [];
  for (let i = 0; i < 50 && below.length === 0; i++) { below = await descendantsOf(pid); await sleep(20); }
  expect(below.length).toBeGreaterThan(0);
  return { shell, all: [pid, ...below] };
}

test('killTree reaches the descendants of a process that leads no group', async () => {
  const { all } = await shellTree();
  await killTree(all[0] ?? 0, 'SIGKILL');
  expect(await gone(all)).toBe(true);
});

test('a dead owner\'s stack folder is removed and the servers recorded in it killed, a stranger\'s pid spared', async () => {
  const dead = spawn('true');
  await once(dead, 'exit');
  const dir = path.join(os.tmpdir(), `mcp-journeys-stack-${dead.pid}-probe`);
  await mkdir(dir, { recursive: true });
  const server = await shellTree({ MCP_READY_FILE: path.join(dir, 'probe.ready.json') });
  const stranger = await shellTree();
  try {
    await writeFile(path.join(dir, 'probe.pid'), String(server.shell.pid));
    await writeFile(path.join(dir, 'stranger.pid'), String(stranger.shell.pid));
    expect(await reapOrphanedStacks()).toBeGreaterThanOrEqual(1);
    expect(await gone(server.all)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(stranger.all.every(isAlive)).toBe(true);
  } finally {
    for (const pid of [...server.all, ...stranger.all]) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
});

test('a dead owner\'s temp folders of every kind are removed, with a staged template; a live owner\'s and strangers\' stay', async () => {
  const dead = spawn('true');
  await once(dead, 'exit');
  const root = path.join(os.tmpdir(), `owned-probe-${process.pid}`);
  const orphans = ['scratch', 'allure', 'pg', 'pg-init'].map((kind) => path.join(root, `mcpj-${kind}-${dead.pid}-Ab12Cd`));
  const staged = path.join(cacheDir, `pg-template-${dead.pid}`);
  const stranger = path.join(root, `mcpj-inline-${dead.pid}`);
  try {
    for (const dir of [...orphans, staged, stranger]) await mkdir(path.join(dir, 'inner'), { recursive: true });
    const mine = await createOwnedDir('scratch', root);
    expect(path.basename(mine)).toMatch(new RegExp(`^mcpj-scratch-${process.pid}-`));
    expect(await reapOrphanedDirs([root])).toBeGreaterThanOrEqual(orphans.length + 1);
    for (const dir of [...orphans, staged]) expect(existsSync(dir), dir).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(stranger)).toBe(true);
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(staged, { recursive: true, force: true });
  }
});
