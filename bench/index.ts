// `npm run bench`: every benchmark in one run, one after another so they never compete for the CPU.
// `npm run bench -- session faults` runs only the named ones. Each prints its figures as ratios
// against a baseline it measures in the same run.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ALL = ['validate', 'session', 'runner', 'stack', 'servers', 'faults', 'load'] as const;

interface BenchModule {
  main: () => Promise<void>;
}

function isBenchModule(value: unknown): value is BenchModule {
  return typeof value === 'object' && value !== null && 'main' in value && typeof value.main === 'function';
}

async function runOne(name: string): Promise<boolean> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`bench: no benchmark named "${name}" (known: ${ALL.join(', ')})\n`);
    return false;
  }
  const loaded: unknown = await import(pathToFileURL(file).href);
  if (!isBenchModule(loaded)) {
    process.stderr.write(`bench: ${name}.ts does not export main()\n`);
    return false;
  }
  process.stdout.write(`\n== ${name} ==\n`);
  const started = performance.now();
  try {
    await loaded.main();
    process.stdout.write(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    return true;
  } catch (error) {
    process.stderr.write(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

const wanted = process.argv.slice(2);
let ok = true;
for (const name of wanted.length > 0 ? wanted : ALL) ok = (await runOne(name)) && ok;
process.exitCode = ok ? 0 : 1;
