import { oneLine } from './main.js';

/** A command's parsed arguments, or the exit code to return at once: 2 after a usage error, 0 after
 * --help (each prints the usage, to stderr and stdout). */
export function commandArgs<T extends { values: { help?: boolean | undefined } }>(usage: string, parse: () => T): T | number {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`${oneLine(error)}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(usage);
    return 0;
  }
  return parsed;
}
