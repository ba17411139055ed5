// `mcp-journeys stack up [--codebase-port 8020] [--workflow-port 8010]`: the embedded stack in the
// foreground, so a person can point Claude Code itself at the reference servers. Ctrl-C or SIGTERM
// stops everything (no process, port or folder is left) and exits 0.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { messageOf } from '../common/messageOf.js';
import { startStack } from '../servers/startStack.js';
import type { EmbeddedStack } from '../servers/startStack.js';

const USAGE = `Usage: mcp-journeys stack up [--codebase-port 8020] [--workflow-port 8010] [--quiet] [--verbose]

Starts embedded PostgreSQL and both reference servers (codebase-mcp, workflow-mcp) and keeps them running
until Ctrl-C or SIGTERM. Prints the addresses, an .mcp.json snippet and "claude mcp add" lines.
  --codebase-port, --workflow-port   ports to listen on (0 = any free port)
  --quiet                            do not echo the servers' log lines
  --verbose                          echo PostgreSQL's log lines too
`;

interface Options { codebasePort: number; workflowPort: number; quiet: boolean; verbose: boolean }

function parse(args: string[]): Options | string {
  let values;
  try {
    values = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'codebase-port': { type: 'string', default: '8020' },
        'workflow-port': { type: 'string', default: '8010' },
        quiet: { type: 'boolean', short: 'q', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
      },
    }).values;
  } catch (error) {
    return messageOf(error);
  }
  const port = (flag: 'codebase-port' | 'workflow-port'): number | string => {
    const n = Number(values[flag]);
    return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `--${flag} must be a port number (0-65535), got ${values[flag]}`;
  };
  const codebasePort = port('codebase-port');
  const workflowPort = port('workflow-port');
  if (typeof codebasePort === 'string') return codebasePort;
  if (typeof workflowPort === 'string') return workflowPort;
  return { codebasePort, workflowPort, quiet: values.quiet, verbose: values.verbose };
}

/** The project's own fixtures/mcp.json, expanded to this stack's ports, as Claude Code would take it. */
function describe(stack: EmbeddedStack): string {
  const config = stack.mcpConfig;
  const entries = Object.values(config.servers);
  const snippet = { mcpServers: Object.fromEntries(entries.map((e) => [e.name, { type: e.type, url: e.url }])) };
  const pidOf = (name: string): string => `pid ${stack.servers[name]?.pid ?? '?'}`;
  const row = (name: string, address: string, pid: string): string => `  ${name.padEnd(14)}${address.padEnd(60)}${pid}`.trimEnd();
  return [
    `Stack is up (${(stack.timings.totalMs / 1000).toFixed(1)} s).`,
    '',
    ...entries.map((e) => row(e.name, `${e.url ?? ''} (${e.type})`, e.name in stack.servers ? pidOf(e.name) : '')),
    row('PostgreSQL', stack.postgres.url, `pid ${stack.postgres.pid() ?? '?'}`),
    row('data', path.dirname(stack.postgres.dataDir), ''),
    row('stack folder', stack.dir, ''),
    '',
    'Both servers also serve /mcp (streamable HTTP), /sse + /messages (SSE), /health and /metrics.',
    '',
    'Add to .mcp.json (Claude Code, project scope):',
    JSON.stringify(snippet, null, 2),
    '',
    'or run:',
    ...entries.map((e) => `  claude mcp add --transport ${e.type} ${e.name} ${e.url ?? ''}`),
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** The handlers stay until `dispose`: while they are attached, a signal is ours to handle (stop,
 * exit 0) rather than the default (die by the signal). */
function untilSignal(): { signal: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => { handler = resolve; });
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export async function run(args: string[]): Promise<number> {
  const signals = untilSignal();
  try {
    return await up(args, signals.signal);
  } finally {
    signals.dispose();
  }
}

async function up(args: string[], signal: Promise<NodeJS.Signals>): Promise<number> {
  const options = parse(args);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (typeof options === 'string' || args[0] !== 'up') {
    process.stderr.write(`${typeof options === 'string' ? options : `expected "stack up", got "stack ${args.join(' ')}"`}\n\n${USAGE}`);
    return 2;
  }
  let crashed: string | undefined;
  let crashedServer: string | undefined;
  let wake: () => void = () => undefined;
  const crash = new Promise<'crash'>((resolve) => { wake = () => resolve('crash'); });
  process.stderr.write('Starting PostgreSQL, codebase-mcp and workflow-mcp…\n');
  const start = startStack({
    ports: { 'codebase-mcp': options.codebasePort, 'workflow-mcp': options.workflowPort },
    log: (line) => {
      if (line.startsWith('[postgres]') ? options.verbose : !options.quiet) process.stderr.write(`${line}\n`);
    },
    onUnexpectedExit: (name, message) => {
      crashed = message;
      crashedServer = name;
      wake();
    },
  });
  let first: EmbeddedStack | NodeJS.Signals;
  try {
    first = await Promise.race([start, signal]);
  } catch (error) {
    process.stderr.write(`Cannot start the stack: ${messageOf(error)}\n`);
    return 1;
  }
  if (typeof first === 'string') {
    // Interrupted while starting: wait for the start to settle, then take it down.
    await start.then((s) => s.stop(), () => undefined);
    return 0;
  }
  const stack = first;
  process.stdout.write(describe(stack));
  const why = await Promise.race([signal, crash]);
  if (why === 'crash') {
    const tail = crashedServer ? stack.server(crashedServer).stderr(20).map((l) => `    ${l}\n`).join('') : '';
    process.stderr.write(`${crashed ?? 'A server exited.'} Last output lines:\n${tail}Stopping the stack…\n`);
  } else {
    process.stderr.write('Stopping the stack…\n');
  }
  await stack.stop();
  process.stderr.write('Stopped.\n');
  return why === 'crash' ? 1 : 0;
}
