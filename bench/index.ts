// `npm run bench`: every benchmark in one run, one after another so they never compete for the CPU, each
// in a process of its own so none inherits another's listeners, caches or heap. `npm run bench -- session
// faults` runs only the named ones. Each prints its figures as ratios against a baseline it measures in
// the same run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = ['validate', 'session', 'runner', 'stack', 'servers', 'faults', 'stdioRelay', 'load', 'outputCap'] as const;

function runOne(name: string): Promise<boolean> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`bench: no benchmark named "${name}" (known: ${ALL.join(', ')})\n`);
    return Promise.resolve(false);
  }
  process.stdout.write(`\n== ${name} ==\n`);
  const started = performance.now();
  // Each bench file runs its main() when it is the entry point.
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (code === 0) process.stdout.write(`(${name}: ${seconds} s)\n`);
      else process.stderr.write(`bench ${name} failed (${signal ?? `exit ${String(code)}`}) after ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

const wanted = process.argv.slice(2);
let ok = true;
for (const name of wanted.length > 0 ? wanted : ALL) ok = (await runOne(name)) && ok;
process.exitCode = ok ? 0 : 1;
