// A child that leads a process group of its own, so one signal reaches its whole tree (child.ts) and the
// terminal's Ctrl-C does not, while it stays in our session. Node's `detached` is setsid(): a session of
// its own too, and with the kernel's autogroup scheduling (on by default in most Linux distributions) a
// scheduling group of its own, whose wake-ups queue behind ours: a stdio round trip took about twice
// what it takes to the plain spawn Claude Code makes. perl's setpgrp before exec makes the group without
// the session. Without perl, or for a program that is not there (so the error stays spawn's own), it
// is `detached`, as before.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

let perl: boolean | undefined;

function hasPerl(): boolean {
  perl ??= process.platform !== 'win32' && spawnSync('perl', ['-e', 'exit 0'], { stdio: 'ignore' }).status === 0;
  return perl;
}

function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `command` names a program exec would find, as spawn looks it up. */
function found(command: string, options: SpawnOptions): boolean {
  if (command.includes('/')) return runnable(path.resolve(options.cwd?.toString() ?? process.cwd(), command));
  const dirs = (options.env?.['PATH'] ?? process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => runnable(path.join(dir, command)));
}

export function spawnGroupLeader(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  if (!hasPerl() || !found(command, options)) return spawn(command, args, { ...options, detached: true });
  // exec's block form never goes through a shell, whatever the arguments hold.
  return spawn('perl', ['-e', 'setpgrp(0, 0); exec { $ARGV[0] } @ARGV or exit 127', command, ...args], { ...options, detached: false });
}
