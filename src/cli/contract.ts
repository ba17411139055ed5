// `mcp-journeys contract [--update] [playwright test options…]`: runs the journeys that hold a contract
// step (compiled with the @contract tag) through `npx playwright test --grep @contract`, so the contracts
// are compared by the same runner, servers and reports as every other journey; `--update` adds
// `--update-snapshots=changed`, which rewrites the contracts that changed and accepts them.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CONTRACT_TAG } from '../compile/compileJourney.js';

const USAGE = `Usage: mcp-journeys contract [--update] [playwright test options…]

Runs the journeys with a contract step (npx playwright test --grep ${CONTRACT_TAG}): each compares its
server's tools, prompts and resources with <journey file>-snapshots/contract-<server>.json and fails with
what changed. --update accepts the changes (--update-snapshots=changed): commit the rewritten files.
Other options go to playwright test as they are (--project, -c, --reporter …).
`;

function playwrightCli(): string {
  // The project's own Playwright first, as `npx playwright` would pick it.
  for (const from of [join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      return createRequire(from).resolve('@playwright/test/cli');
    } catch {
      // next
    }
  }
  throw new Error('@playwright/test is not installed here (npm install -D @playwright/test)');
}

function contractArgs(args: readonly string[]): string[] {
  const update = args.includes('--update');
  return ['test', '--grep', CONTRACT_TAG, ...(update ? ['--update-snapshots=changed'] : []), ...args.filter((a) => a !== '--update')];
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const child = spawn(process.execPath, [playwrightCli(), ...contractArgs(args)], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.once('error', () => resolve(2));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 2)));
  });
}
