// `mcp-journeys <command> [args]`. Each command is a module of src/cli/ (MODULES) exporting
// `run(args): Promise<exit code>`, loaded only when asked for, so a build without one still starts.
// Nothing here ever prints a stack trace: failures become one line and exit code 2.

import { messageOf } from '../common/messageOf.js';

const COMMANDS: Record<string, string> = {
  init: 'scaffold journeys here: config, one example per server of .mcp.json, editor, CI, docker-compose',
  validate: 'check journeys (schema, variables, servers, tools, includes) without running them',
  list: 'list journeys: folder, file:line, test_id, test_name, tags',
  stack: 'start the embedded stack (PostgreSQL, reference servers, Toxiproxy)',
  toxiproxy: 'run the embedded Toxiproxy server in the foreground',
  report: 'render allure-results/ into an HTML report',
  coverage: 'which tools and scenarios the journeys cover',
  contract: 'compare the servers\' tool contracts with their snapshots (--update accepts changes)',
  'merge-results': 'merge allure results and load histograms from shards',
  record: 'record a session through a proxy into a journey (stdio or HTTP)',
  replay: 'serve a recorded server over stdio, from a record session\'s .recording.json',
};

/** Where a command's name is not its file's. */
const MODULES: Record<string, string> = { 'merge-results': 'mergeResults', stack: 'stackCommand' };

export const USAGE = `Usage: mcp-journeys <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(15)}${what}`).join('\n')}

Run "mcp-journeys <command> --help" for a command's options.
`;

interface CommandModule {
  run(args: string[]): Promise<number>;
}

function isCommandModule(value: unknown): value is CommandModule {
  return value !== null && typeof value === 'object' && typeof (value as { run?: unknown }).run === 'function';
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? process.stderr : process.stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!(command in COMMANDS)) {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let module: unknown;
  const specifier = `./${MODULES[command] ?? command}.js`;
  try {
    module = await import(specifier);
  } catch (error) {
    if (isMissing(error, command)) {
      process.stderr.write(`mcp-journeys ${command}: not available in this build\n`);
      return 2;
    }
    process.stderr.write(`mcp-journeys ${command}: ${oneLine(error)}\n`);
    return 2;
  }
  if (!isCommandModule(module)) {
    process.stderr.write(`mcp-journeys ${command}: not available in this build\n`);
    return 2;
  }
  try {
    return await module.run(args);
  } catch (error) {
    process.stderr.write(`mcp-journeys ${command}: ${oneLine(error)}\n`);
    return 2;
  }
}

/** The command's own module is missing (not a module it imports). */
function isMissing(error: unknown, command: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND') return false;
  const message = error instanceof Error ? error.message : '';
  const file = MODULES[command] ?? command;
  return new RegExp(`src[\\\\/]cli[\\\\/]${file}\\.(js|ts)'`).test(message) || message.includes(`'./${file}.js'`);
}

/** The first line (no stack, no cause chain); a configuration error keeps its list of problems. */
export function oneLine(error: unknown): string {
  const message = messageOf(error);
  if (error instanceof Error && error.name === 'McpConfigError') return message;
  return message.split('\n')[0] ?? 'unknown error';
}
